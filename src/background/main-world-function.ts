/**
 * The MAIN world's first stage for a late injection (src/content/main-world-late.ts) as a function, for
 * `scripting.executeScript({ func, args })`: injected into a page that already ran, it must learn a
 * secret the page cannot see (`LateChannel`, src/shared/channel.ts), and `args` is the only way in.
 * The build puts the bundled script here as the body of `function (MEDIA_DECK_CHANNEL) { … }`,
 * which returns the script's `LateResult` from a variable local to it, out of the page's reach
 * (vite.config.ts, `guardContentScripts`); before a build, and in unit tests, this is a placeholder
 * string.
 */
import type { LateChannel, LateResult } from '../shared/channel';

/**
 * `func`: the MAIN-world script as a function of its late channel, or the placeholder before a
 * build. (In an object, so that the bundler does not fold the placeholder into the code using it.)
 */
export const mainWorld: { func: ((channel: LateChannel) => LateResult | undefined) | string } = {
  func: '__MEDIA_DECK_MAIN_WORLD__',
};
