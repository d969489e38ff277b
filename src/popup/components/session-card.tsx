import type { ActionDetails, SessionView } from '../../shared/contract';
import { type Control, controlsFor, playbackLabel } from '../../shared/controls';
import { Artwork } from './artwork';
import { Icon } from './icon';
import { SeekBar } from './seek-bar';

/** What a card can ask for; the app turns these into `PopupToWorker` messages. */
export interface CardCommands {
  action(key: string, details: ActionDetails): void;
  muteTab(key: string, muted: boolean): void;
  focusTab(key: string): void;
  pictureInPicture(key: string): void;
  pin(key: string | null): void;
  /** Opens Chrome's site settings for the session's site (automatic picture-in-picture). */
  openSiteSettings(key: string): void;
  /** Opens Media Deck's settings. */
  openOptions(): void;
}

interface CardProps {
  view: SessionView;
  commands: CardCommands;
  seekOffset: number;
  /** `chrome-extension://<id>/_favicon/?pageUrl=…`: Chrome's cached favicon, no network. */
  faviconFor: (pageUrl: string) => string;
  /** Show the pin toggle (there is more than one session to choose from). */
  canPin: boolean;
}

function run(
  control: Control,
  view: SessionView,
  commands: CardCommands,
  seekOffset: number,
): void {
  const { command } = control;
  if (command.kind === 'mute-tab') commands.muteTab(view.key, command.muted);
  else if (command.kind === 'focus-tab') commands.focusTab(view.key);
  else if (command.kind === 'picture-in-picture') commands.pictureInPicture(view.key);
  else if (command.action === 'seekbackward' || command.action === 'seekforward') {
    commands.action(view.key, { action: command.action, seekOffset });
  } else commands.action(view.key, { action: command.action });
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
        Opens in picture-in-picture when you switch tabs. Nothing opens?{' '}
        <button type="button" class="link" onClick={() => commands.openSiteSettings(view.key)}>
          Allow it for {view.host}
        </button>
      </p>
    );
  }
  if (!reason || reason === 'Not playing') return null;
  const fixable =
    reason.includes('settings') || reason.includes('blocked') || reason.includes('videos only');
  return (
    <p class="autopip off">
      No automatic picture-in-picture: {reason}.
      {fixable && (
        <>
          {' '}
          <button type="button" class="link" onClick={() => commands.openOptions()}>
            Change settings
          </button>
        </>
      )}
    </p>
  );
}

/**
 * One session, as a list item named by its title: artwork, title, artist and album, the site
 * (favicon and host), the playback state, the seek bar and the buttons it can use.
 */
export function SessionCard({ view, commands, seekOffset, faviconFor, canPin }: CardProps) {
  const titleId = `title-${view.key}`;
  const controls = controlsFor(view, seekOffset);
  const subtitle = [view.artist, view.album].filter(Boolean).join(' — ');
  const button = (control: Control) => (
    <button
      type="button"
      key={control.id}
      class={`control${control.off ? ' off' : ''}${control.id === 'play' || control.id === 'pause' ? ' main' : ''}`}
      aria-label={control.label}
      title={control.label}
      data-control={control.id}
      onClick={() => run(control, view, commands, seekOffset)}
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
          <span class="title" id={titleId}>
            {view.title}
          </span>
          {subtitle && <span class="subtitle">{subtitle}</span>}
          <span class="site">
            <img class="favicon" src={faviconFor(view.pageUrl)} alt="" width={16} height={16} />
            <span class="host">{view.host}</span>
            <span class={`state ${view.playbackState}`}>{playbackLabel(view.playbackState)}</span>
            {view.active && <span class="badge">Active</span>}
          </span>
        </div>
        {canPin && (
          <button
            type="button"
            class={`control pin${view.pinned ? ' pinned' : ''}`}
            aria-label={
              view.pinned ? `Unpin ${view.title}` : `Pin ${view.title} as the active session`
            }
            title={view.pinned ? 'Unpin' : 'Pin as the active session'}
            onClick={() => commands.pin(view.pinned ? null : view.key)}
          >
            <Icon name={view.pinned ? 'pinned' : 'pin'} size={18} />
          </button>
        )}
      </div>
      <SeekBar view={view} onSeek={(details) => commands.action(view.key, details)} />
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset would need a visible legend; an ARIA group names the row as well */}
      <div class="controls" role="group" aria-label={`Controls for ${view.title}`}>
        <div class="transport">{controls.filter((c) => c.primary).map(button)}</div>
        <div class="secondary">{controls.filter((c) => !c.primary).map(button)}</div>
      </div>
      <AutoPipLine view={view} commands={commands} />
    </li>
  );
}
