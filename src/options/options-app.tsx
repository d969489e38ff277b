import { useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { Settings } from '../shared/settings';
import type { SettingsStore } from '../ui/settings-store';
import { useStore } from '../ui/use-store';
import { AutoPipChoice } from './components/auto-pip-mode';
import { HostList } from './components/host-list';
import { KeysRuleChoice } from './components/keys-rule-choice';
import { PauseOthersChoice } from './components/pause-others-choice';
import { SeekStep } from './components/seek-step';
import { ToolbarCount } from './components/toolbar-count';

/** The status line after a write, in words. */
function failure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/QUOTA_BYTES/i.test(message)) return t('notSavedQuota');
  if (/MAX_WRITE_OPERATIONS/i.test(message)) return t('notSavedTooFast');
  return t('notSavedError', message);
}

interface OptionsAppProps {
  store: SettingsStore;
  /**
   * Opens chrome://settings/content/autoPictureInPicture (a page the options page cannot link to).
   * Absent where the browser has no automatic picture-in-picture (Firefox, src/shared/platform.ts):
   * its mode and site lists are then replaced by one line saying so.
   */
  openChromeSettings?: () => void;
}

/**
 * The options page: automatic picture-in-picture mode, the per-site allow and block lists, which
 * media the keys control, pausing others (with its exempt sites), the seek step and the toolbar
 * icon's count. Every change is written at once (the extension applies it without reloading pages),
 * and the status line says "Saved" when the write is done.
 */
export function OptionsApp({ store, openChromeSettings }: OptionsAppProps) {
  const { settings, loaded } = useStore(store);
  const [status, setStatus] = useState<{ text: string; failed: boolean }>({
    text: '',
    failed: false,
  });
  /** Only the latest write reports; an older one finishing late must not overwrite it. */
  const writes = useRef(0);

  function save(patch: Partial<Settings>): void {
    const write = ++writes.current;
    setStatus({ text: '', failed: false });
    store.update(patch).then(
      () => write === writes.current && setStatus({ text: t('saved'), failed: false }),
      (error: unknown) =>
        write === writes.current && setStatus({ text: failure(error), failed: true }),
    );
  }

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {!loaded ? (
        <p class="loading">{t('loading')}</p>
      ) : (
        <>
          {openChromeSettings ? (
            <>
              <AutoPipChoice
                mode={settings.autoPictureInPicture}
                onChange={(mode) => save({ autoPictureInPicture: mode })}
                openChromeSettings={openChromeSettings}
              />
              <section class="sites" aria-labelledby="sites-heading">
                <h2 id="sites-heading">{t('sitesHeading')}</h2>
                <p class="hint sites-intro">{t('sitesIntro')}</p>
                <HostList
                  legend={t('allowListLegend')}
                  description={t('allowListDescription')}
                  inputLabel={t('allowListInput')}
                  hosts={settings.autoPipAllowHosts}
                  onChange={(hosts) => save({ autoPipAllowHosts: hosts })}
                />
                <HostList
                  legend={t('blockListLegend')}
                  description={t('blockListDescription')}
                  inputLabel={t('blockListInput')}
                  hosts={settings.autoPipBlockHosts}
                  onChange={(hosts) => save({ autoPipBlockHosts: hosts })}
                />
              </section>
            </>
          ) : (
            <p class="hint auto-pip-unavailable">{t('autoPipUnavailable')}</p>
          )}
          <section class="keys" aria-labelledby="keys-heading">
            <h2 id="keys-heading">{t('keysHeading')}</h2>
            <KeysRuleChoice
              rule={settings.keysRule}
              onChange={(rule) => save({ keysRule: rule })}
            />
          </section>
          <section class="pause-others" aria-labelledby="pause-others-heading">
            <h2 id="pause-others-heading">{t('pauseOthersHeading')}</h2>
            <PauseOthersChoice
              pauseOthers={settings.pauseOthers}
              resumeAfter={settings.resumeAfter}
              onChange={save}
            />
            <HostList
              legend={t('exemptListLegend')}
              description={t('exemptListDescription')}
              inputLabel={t('exemptListInput')}
              hosts={settings.pauseOthersExemptHosts}
              onChange={(hosts) => save({ pauseOthersExemptHosts: hosts })}
            />
          </section>
          <section class="seeking" aria-labelledby="seeking-heading">
            <h2 id="seeking-heading">{t('seekingHeading')}</h2>
            <SeekStep
              seconds={settings.seekOffsetSeconds}
              onChange={(seconds) => save({ seekOffsetSeconds: seconds })}
            />
          </section>
          <section class="toolbar" aria-labelledby="toolbar-heading">
            <h2 id="toolbar-heading">{t('toolbarHeading')}</h2>
            <ToolbarCount
              checked={settings.toolbarCount}
              onChange={(on) => save({ toolbarCount: on })}
            />
          </section>
        </>
      )}
      <p class={status.failed ? 'status failed' : 'status'} role="status">
        {status.text}
      </p>
    </main>
  );
}
