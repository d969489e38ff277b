import { ICON_PATHS, type IconName } from '../../shared/icon-paths';

/** An inline SVG icon, hidden from assistive technology (its button carries the name). */
export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={ICON_PATHS[name]} fill="currentColor" />
    </svg>
  );
}
