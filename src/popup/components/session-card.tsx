import { Component } from 'preact';
import type { SessionIntent, SessionView } from '../../shared/contract';
import { type Control, controlsFor, playbackLabel } from '../../shared/controls';
import { t } from '../../shared/i18n';
import { BROWSER_FEATURES, type BrowserFeatures } from '../../shared/platform';
import type { KeysRule } from '../../shared/settings';
import { KEYS_RULE_LABELS } from '../../ui/keys-rule-labels';
import { autoPipReasonText, isFixableInSettings } from '../auto-pip-reason-text';
import { Artwork } from './artwork';
import { ChapterButtons, CurrentChapter } from './chapter-controls';
import { ElementControls } from './element-controls';
import { Icon } from './icon';
import { SeekBar } from './seek-bar';

/** What a card can ask for; the app sends intents to the service worker. */
export interface CardCommands {
  /** Asks the worker to carry out `intent` on session `key`. */
  intent(key: string, intent: SessionIntent): void;
  /** Opens Chrome's site settings for the session's site (automatic picture-in-picture). */
  openSiteSettings(key: string): void;
  /** Opens Media Deck's settings. */
  openOptions(): void;
}

interface CardProps {
  view: SessionView;
  commands: CardCommands;
  seekOffset: number;
  /**
   * `chrome-extension://<id>/_favicon/?pageUrl=…`: Chrome's cached favicon, no network; `null`
   * where the browser has none (Firefox): no icon.
   */
  faviconFor: (pageUrl: string) => string | null;
  /** Show the pin toggle (there is more than one session to choose from). */
  canPin: boolean;
  /** The keys rule, named in the tooltip of the badge on the session the keys act on. */
  keysRule: KeysRule;
  /**
   * What the browser offers (src/shared/platform.ts): without automatic picture-in-picture the
   * card has no line about it, without video picture-in-picture no such button. Default Chromium.
   */
  features?: BrowserFeatures;
}

/**
 * Whether switching tabs will open picture-in-picture for this session, and if not, why and what to
 * do about it (issue #4: explain instead of failing silently). Quiet while a session merely pauses.
 */
function AutoPipLine({ view, commands }: { view: SessionView; commands: CardCommands }) {
  const { armed, reason } = view.autoPip;
  if (armed) {
    return (
      <p class="autopip">
        {t('autoPipArmed')}{' '}
        <button type="button" class="link" onClick={() => commands.openSiteSettings(view.key)}>
          {t('autoPipAllowFor', view.host)}
        </button>
      </p>
    );
  }
  if (!reason || reason === 'not-playing') return null;
  return (
    <p class="autopip off">
      {t('autoPipOff', autoPipReasonText(reason, view.host))}
      {isFixableInSettings(reason) && (
        <>
          {' '}
          <button type="button" class="link" onClick={() => commands.openOptions()}>
            {t('changeSettings')}
          </button>
        </>
      )}
    </p>
  );
}

/** Whether two views show the same: compared by value (each snapshot brings new objects). */
function sameView(a: SessionView, b: SessionView): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as (keyof SessionView)[]) {
    const x = a[key];
    const y = b[key];
    if (x !== y && (typeof x !== 'object' || JSON.stringify(x) !== JSON.stringify(y))) return false;
  }
  return true;
}

/**
 * One session, as a list item named by its title: artwork, title, artist and album, the site
 * (favicon and host), the playback state, the seek bar and the buttons it can use. Drawn again only
 * when what it shows changed. (`memo` from preact/compat would do the same, but importing
 * preact/compat changes every element's `onChange` into `onInput`, React's way.)
 */
export class SessionCard extends Component<CardProps> {
  override shouldComponentUpdate(next: CardProps): boolean {
    const prev = this.props;
    return !(
      prev.commands === next.commands &&
      prev.seekOffset === next.seekOffset &&
      prev.faviconFor === next.faviconFor &&
      prev.canPin === next.canPin &&
      prev.keysRule === next.keysRule &&
      prev.features === next.features &&
      sameView(prev.view, next.view)
    );
  }

  override render(props: CardProps) {
    return <SessionCardView {...props} />;
  }
}

function SessionCardView({
  view,
  commands,
  seekOffset,
  faviconFor,
  canPin,
  keysRule,
  features = BROWSER_FEATURES.chromium,
}: CardProps) {
  const titleId = `title-${view.key}`;
  const controls = controlsFor(view, seekOffset, {
    pictureInPicture: features.videoPictureInPicture,
  });
  const favicon = faviconFor(view.pageUrl);
  const subtitle = [view.artist, view.album].filter(Boolean).join(' — ');
  const button = (control: Control) => (
    <button
      type="button"
      key={control.id}
      class={`control${control.off ? ' off' : ''}${control.id === 'play' || control.id === 'pause' ? ' main' : ''}`}
      aria-label={control.label}
      title={control.label}
      data-control={control.id}
      onClick={() => commands.intent(view.key, control.intent)}
    >
      <Icon name={control.icon} size={control.id === 'play' || control.id === 'pause' ? 24 : 20} />
    </button>
  );
  return (
    <li
      class={`session${view.active ? ' active' : ''}`}
      aria-labelledby={titleId}
      data-key={view.key}
      aria-current={view.active ? 'true' : undefined}
    >
      <div class="head">
        <Artwork view={view} size={view.active ? 72 : 48} />
        <div class="meta">
          <span class="title" id={titleId} dir="auto">
            {view.title}
          </span>
          {subtitle && (
            <span class="subtitle" dir="auto">
              {subtitle}
            </span>
          )}
          <CurrentChapter view={view} />
          <span class="site">
            {favicon !== null && (
              <img class="favicon" src={favicon} alt="" width={16} height={16} loading="lazy" />
            )}
            <span class="host">
              {view.embedded && view.tabHost !== view.host
                ? t('hostInTab', view.host, view.tabHost)
                : view.host}
            </span>
            <span class={`state ${view.playbackState}`}>{playbackLabel(view.playbackState)}</span>
            {view.active && (
              <span class="badge" title={t('keysBadgeTitle', KEYS_RULE_LABELS[keysRule]())}>
                <Icon name="key" size={12} />
                {t('activeBadge')}
              </span>
            )}
          </span>
        </div>
        {canPin && (
          <button
            type="button"
            class={`control pin${view.pinned ? ' pinned' : ''}`}
            aria-label={view.pinned ? t('unpinLabel', view.title) : t('pinLabel', view.title)}
            title={view.pinned ? t('unpinTooltip') : t('pinTooltip')}
            onClick={() =>
              commands.intent(view.key, view.pinned ? { kind: 'unpin' } : { kind: 'pin' })
            }
          >
            <Icon name={view.pinned ? 'pinned' : 'pin'} size={18} />
          </button>
        )}
      </div>
      <SeekBar
        view={view}
        onSeek={(details) => commands.intent(view.key, { kind: 'action', details })}
      />
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset would need a visible legend; an ARIA group names the row as well */}
      <div class="controls" role="group" aria-label={t('controlsLabel', view.title)}>
        {/* Playback controls run left to right in every language, like the seek bar: their
            icons point along media time (Material Design, "Bidirectionality": media controls). */}
        <div class="transport" dir="ltr">
          {controls.filter((c) => c.primary).map(button)}
        </div>
        <div class="secondary">
          {controls.filter((c) => !c.primary).map(button)}
          <ChapterButtons
            view={view}
            onSeek={(seekTime) =>
              commands.intent(view.key, { kind: 'action', details: { action: 'seekto', seekTime } })
            }
          />
        </div>
      </div>
      <ElementControls
        view={view}
        onSet={(setting) => commands.intent(view.key, { kind: 'set-element', setting })}
      />
      {features.autoPictureInPicture && <AutoPipLine view={view} commands={commands} />}
    </li>
  );
}
