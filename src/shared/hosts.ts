/**
 * Hosts, the one way Media Deck names a site: to show where a session lives, and to match the
 * user's allow and block lists. A host here is a URL's `hostname`: lower case, no port.
 */

/**
 * The hostname of `url` (an origin or any absolute URL), e.g. `player.test` for
 * `https://player.test:8443`; `url` itself when it does not parse (an opaque origin, `'null'`).
 */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}

/**
 * Turns what a user typed (`https://www.Example.com/path`, ` example.com `) into a host for the
 * lists, or `null` when it is not one.
 */
export function normalizeHost(input: string): string | null {
  let text = input.trim().toLowerCase();
  if (text === '') return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `https://${text}`;
  try {
    const host = new URL(text).hostname;
    return /^[a-z0-9.-]{1,253}$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

/** Whether `host` is `listed` or a subdomain of it. */
export function hostMatches(host: string, listed: string): boolean {
  return host === listed || host.endsWith(`.${listed}`);
}
