/**
 * The popup's words for why a session is not armed for automatic picture-in-picture
 * (`AutoPipReason`, src/shared/contract.ts), and which reasons the user can change in Media
 * Deck's own settings.
 */
import type { AutoPipReason } from '../shared/contract';

/** The reason as a sentence, e.g. "Automatic picture-in-picture is blocked for video.test". */
export function autoPipReasonText(reason: AutoPipReason, host: string): string {
  switch (reason) {
    case 'blocked-host':
      return `Automatic picture-in-picture is blocked for ${host}`;
    case 'setting-off':
      return 'Automatic picture-in-picture is off in the settings';
    case 'videos-only':
      return 'Automatic picture-in-picture is on for videos only';
    case 'video-disallows':
      return 'This video does not allow picture-in-picture';
    case 'insecure-page':
      return 'Chrome opens automatic picture-in-picture only on secure (https) pages';
    case 'embedded-frame':
      return 'The player is in an embedded frame; Chrome only opens automatic picture-in-picture for the page itself';
    case 'not-playing':
      return 'Not playing';
    case 'not-audible':
      return 'Not playing sound (muted or silent)';
    case 'other-window':
      return 'Another picture-in-picture window is open';
  }
}

/** Whether Media Deck's own settings decide `reason` (so the popup offers to open them). */
export function isFixableInSettings(reason: AutoPipReason): boolean {
  return reason === 'blocked-host' || reason === 'setting-off' || reason === 'videos-only';
}
