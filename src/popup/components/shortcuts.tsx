import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

/** One `chrome.commands.Command`, as `commands.getAll()` gives it. */
export interface Shortcut {
  name?: string;
  description?: string;
  /** The bound keys, e.g. "Ctrl+Shift+Y"; empty when the user has bound none. */
  shortcut?: string;
}

/**
 * The current keyboard shortcuts and media keys (issue #3), read from `chrome.commands`, with a
 * button to change them at chrome://extensions/shortcuts (a page the popup cannot link to directly).
 */
export function Shortcuts({
  load,
  openSettings,
}: {
  load: () => Promise<Shortcut[]>;
  openSettings: () => void;
}) {
  const [list, setList] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (all) => live && setList(all),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return (
    <details class="shortcuts">
      <summary>{t('shortcutsHeading')}</summary>
      {list === null ? (
        <p>{t('loading')}</p>
      ) : (
        <dl>
          {list.map((command) => (
            <div class="shortcut" key={command.name}>
              <dt>
                {command.name === '_execute_action' ? t('shortcutOpenDeck') : command.description}
              </dt>
              <dd>
                {command.shortcut ? (
                  <kbd>{command.shortcut}</kbd>
                ) : (
                  <span class="unset">{t('shortcutNotSet')}</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <button type="button" class="link" onClick={openSettings}>
        {t('changeShortcuts')}
      </button>
    </details>
  );
}
