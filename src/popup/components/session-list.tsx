import { useEffect, useState } from 'preact/hooks';
import type { SessionView } from '../../shared/contract';
import { t } from '../../shared/i18n';
import type { BrowserFeatures } from '../../shared/platform';
import type { KeysRule } from '../../shared/settings';
import { type CardCommands, SessionCard } from './session-card';

/** Cards drawn in full at once: more than a popup (at most 600 px tall) shows. */
export const FIRST_CARDS = 5;
/** Cards filled in per frame after the first paint. */
export const CARDS_PER_FRAME = 12;

interface ListProps {
  sessions: readonly SessionView[];
  commands: CardCommands;
  seekOffset: number;
  faviconFor: (pageUrl: string) => string | null;
  /** The keys rule, for the tooltip on the active session's badge (default: the most recent). */
  keysRule?: KeysRule;
  /** What the browser offers (src/shared/platform.ts); default Chromium. */
  features?: BrowserFeatures;
}

/**
 * The sessions, as a list named "Media sessions". A long list is drawn in steps: the first
 * `FIRST_CARDS` in full, the rest as list items holding just their title (so the list is whole,
 * and each item named, from the first paint), filled in `CARDS_PER_FRAME` at a time in the frames
 * that follow, long before anyone could scroll or tab to them.
 */
export function SessionList({
  sessions,
  commands,
  seekOffset,
  faviconFor,
  keysRule = 'most-recent',
  features,
}: ListProps) {
  const [full, setFull] = useState(FIRST_CARDS);
  useEffect(() => {
    if (full >= sessions.length) return;
    const id = requestAnimationFrame(() => setFull((n) => n + CARDS_PER_FRAME));
    return () => cancelAnimationFrame(id);
  }, [full, sessions.length]);
  return (
    <ul class="sessions" aria-label={t('sessionsLabel')}>
      {sessions.map((view, i) =>
        i < full ? (
          <SessionCard
            key={view.key}
            view={view}
            commands={commands}
            seekOffset={seekOffset}
            faviconFor={faviconFor}
            canPin={sessions.length > 1}
            keysRule={keysRule}
            features={features}
          />
        ) : (
          <li key={view.key} class="session pending" aria-labelledby={`title-${view.key}`}>
            <span class="title" id={`title-${view.key}`} dir="auto">
              {view.title}
            </span>
          </li>
        ),
      )}
    </ul>
  );
}
