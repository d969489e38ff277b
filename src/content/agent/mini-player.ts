/**
 * The audio mini player for automatic picture-in-picture (docs/architecture.md § Automatic
 * picture-in-picture): a Document
 * Picture-in-Picture window (https://wicg.github.io/document-picture-in-picture/) with the
 * session's artwork, title, artist, a moving progress bar and its transport controls, which run
 * the page's own handlers. Built with plain DOM and CSSOM (no markup strings, no style elements,
 * so a page's CSP that forbids inline styles does not break it). Its words are the i18n messages
 * (src/shared/i18n.ts), laid out in the UI language's direction.
 */

import { chapterIndexAt } from '../../shared/chapters';
import type { ActionDetails, FrameState } from '../../shared/contract';
import { controlsFor } from '../../shared/controls';
import { formatClock, t, textDirection } from '../../shared/i18n';
import { ICON_PATHS } from '../../shared/icon-paths';
import { extrapolatePosition } from '../../shared/position';
import { toSessionView } from '../../shared/session';

/** An open mini player. */
export interface MiniPlayer {
  /** Shows the session's new state. */
  update(state: FrameState): void;
  /** Shows `artwork` (a `data:image/` URL the service worker loaded), or none. */
  showArtwork(artwork: string | null): void;
  close(): void;
}

type DocumentPiP = {
  requestWindow(options?: { width?: number; height?: number }): Promise<Window>;
};

/** Whether this browser has Document Picture-in-Picture. */
export function hasDocumentPictureInPicture(): boolean {
  return (
    typeof (globalThis as { documentPictureInPicture?: DocumentPiP }).documentPictureInPicture ===
    'object'
  );
}

function viewOf(state: FrameState) {
  return toSessionView(
    {
      tabId: 0,
      frameId: 0,
      documentId: '',
      key: 'mini',
      origin: location.origin,
      state,
      firstSeenAt: 0,
      updatedAt: 0,
    },
    undefined,
    { active: true, pinned: false },
  );
}

/**
 * Opens the mini player (needs the user activation Chrome gives an `enterpictureinpicture`
 * handler). Resolves to `null` when Document Picture-in-Picture is missing or refused.
 * `initialArtwork` is the `data:image/` URL the service worker loaded for it, or `null`; `run`
 * carries out a button's action in the page.
 */
export async function openMiniPlayer(
  initial: FrameState,
  seekOffset: number,
  initialArtwork: string | null,
  run: (details: ActionDetails) => void,
): Promise<MiniPlayer | null> {
  const api = (globalThis as { documentPictureInPicture?: DocumentPiP }).documentPictureInPicture;
  if (!api) return null;
  let win: Window;
  try {
    win = await api.requestWindow({ width: 340, height: 120 });
  } catch {
    return null;
  }
  const doc = win.document;
  doc.documentElement.dir = textDirection();
  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    style: Record<string, string>,
    parent: Node,
  ) => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(style)) node.style.setProperty(name, value);
    parent.appendChild(node);
    return node;
  };
  Object.assign(doc.body.style, {
    margin: '0',
    background: '#17171c',
    color: '#f1f1f5',
    font: '13px system-ui, sans-serif',
  });
  const root = el(
    'div',
    { display: 'flex', gap: '10px', padding: '10px', 'align-items': 'center' },
    doc.body,
  );
  const art = el(
    'img',
    {
      width: '64px',
      height: '64px',
      'border-radius': '6px',
      'object-fit': 'cover',
      background: '#333',
      flex: 'none',
    },
    root,
  );
  art.alt = '';
  const main = el(
    'div',
    { flex: '1', 'min-width': '0', display: 'flex', 'flex-direction': 'column', gap: '4px' },
    root,
  );
  const ellipsis = { overflow: 'hidden', 'text-overflow': 'ellipsis', 'white-space': 'nowrap' };
  const title = el('div', { 'font-weight': '600', ...ellipsis }, main);
  const artist = el('div', { color: '#a9a9b8', ...ellipsis }, main);
  /** The chapter playing now (`MediaMetadata.chapterInfo`), kept current with the progress. */
  const chapter = el('div', { color: '#a9a9b8', 'font-size': '12px', ...ellipsis }, main);
  // The page's words take their own direction; the bar runs in media time, left to right.
  title.dir = 'auto';
  artist.dir = 'auto';
  chapter.dir = 'auto';
  const bar = el(
    'div',
    { height: '4px', background: '#44444f', 'border-radius': '2px', position: 'relative' },
    main,
  );
  bar.setAttribute('role', 'progressbar');
  bar.dir = 'ltr';
  const fill = el(
    'div',
    { position: 'absolute', inset: '0 auto 0 0', background: '#a5b4fc', 'border-radius': '2px' },
    bar,
  );
  const buttons = el('div', { display: 'flex', gap: '4px' }, main);
  buttons.dir = 'ltr'; // playback controls point along media time, like the bar

  let state = initial;
  let artwork = initialArtwork;
  let buttonsKey = '';
  let frame = 0;

  const render = () => {
    const view = viewOf(state);
    // The window's title is the media's, as a page's own mini player would have it: the page can
    // read it (`documentPictureInPicture.window.document.title`), and it must not name us.
    if (doc.title !== view.title) doc.title = view.title;
    title.textContent = view.title;
    artist.textContent = view.artist;
    // Only what the service worker loaded (a data: image): the page's own artwork URLs are never
    // requested from here.
    if (artwork && art.src !== artwork) art.src = artwork;
    art.style.setProperty('visibility', artwork ? 'visible' : 'hidden');
    const controls = controlsFor(view, seekOffset).filter((c) => c.primary);
    const key = controls.map((c) => c.id).join();
    if (key === buttonsKey) return;
    buttonsKey = key;
    buttons.replaceChildren();
    for (const control of controls) {
      const button = el(
        'button',
        {
          width: '30px',
          height: '30px',
          border: 'none',
          'border-radius': '50%',
          background: 'transparent',
          color: 'inherit',
          cursor: 'pointer',
          padding: '0',
        },
        buttons,
      );
      button.type = 'button';
      button.setAttribute('aria-label', control.label);
      button.title = control.label;
      button.dataset.control = control.id;
      const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 24 24');
      svg.setAttribute('width', '20');
      svg.setAttribute('height', '20');
      svg.setAttribute('aria-hidden', 'true');
      const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('d', ICON_PATHS[control.icon]);
      path.setAttribute('fill', 'currentColor');
      svg.appendChild(path);
      button.appendChild(svg);
      button.addEventListener('click', () => {
        if (control.intent.kind !== 'action') return;
        try {
          run(control.intent.details);
        } catch {} // the page can listen for errors in this window too
      });
    }
  };

  const tick = () => {
    frame = win.requestAnimationFrame(tick);
    try {
      drawProgress();
    } catch {} // the page can listen for errors in this window too
  };
  const drawProgress = () => {
    const view = viewOf(state);
    const position = view.position;
    const now = extrapolatePosition(
      position ?? { duration: null, playbackRate: 1, position: 0, updatedAt: 0 },
      view.playbackState === 'playing',
      Date.now(),
    );
    const duration = position?.duration ?? null;
    const current = view.chapters[chapterIndexAt(view.chapters, now)];
    const chapterText = current ? t('chapterCurrent', current.title) : '';
    if (chapter.textContent !== chapterText) chapter.textContent = chapterText;
    fill.style.setProperty('width', duration ? `${Math.min(100, (now / duration) * 100)}%` : '0%');
    bar.setAttribute(
      'aria-valuetext',
      duration === null
        ? formatClock(now)
        : t('positionOf', formatClock(now), formatClock(duration)),
    );
  };

  render();
  tick();
  win.addEventListener('pagehide', () => win.cancelAnimationFrame(frame));
  return {
    update(next) {
      state = next;
      render();
    },
    showArtwork(next) {
      artwork = next;
      render();
    },
    close() {
      win.cancelAnimationFrame(frame);
      win.close();
    },
  };
}
