/**
 * A setting in the popup's footer: a label and a native list of choices, each with its name in the
 * UI language. A change applies at once (the store writes `chrome.storage.sync`; the service
 * worker follows it). The options page explains each choice at length.
 */
export function FooterSetting<T extends string>({
  label,
  choices,
  labels,
  value,
  onChange,
}: {
  label: string;
  choices: readonly T[];
  /** Each choice's name. */
  labels: Record<T, () => string>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <label class="setting">
      <span>{label}</span>
      <select
        value={value}
        onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value as T)}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {labels[choice]()}
          </option>
        ))}
      </select>
    </label>
  );
}
