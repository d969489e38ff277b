import { AUTO_PIP_MODES, type AutoPipMode } from '../../shared/settings';

const LABELS: Record<AutoPipMode, string> = {
  off: 'Off',
  video: 'Videos only',
  'video-and-audio': 'Videos and audio',
};

/**
 * The automatic picture-in-picture setting, in the popup's footer (issue #4: settings shown in the
 * options page and in the popup). Changes apply to open tabs at once.
 */
export function AutoPipSetting({
  mode,
  onChange,
}: {
  mode: AutoPipMode;
  onChange: (mode: AutoPipMode) => void;
}) {
  return (
    <label class="setting">
      <span>Picture-in-picture when I switch tabs</span>
      <select
        value={mode}
        onChange={(event) =>
          onChange((event.currentTarget as HTMLSelectElement).value as AutoPipMode)
        }
      >
        {AUTO_PIP_MODES.map((m) => (
          <option key={m} value={m}>
            {LABELS[m]}
          </option>
        ))}
      </select>
    </label>
  );
}
