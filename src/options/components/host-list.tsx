/**
 * The options page's site lists: automatic picture-in-picture's allow and block lists
 * (docs/architecture.md § Automatic picture-in-picture) and pause others' exempt sites (§ Pause
 * others, resume after). Hosts are normalized by src/shared/hosts.ts.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { normalizeHost } from '../../shared/hosts';
import { t } from '../../shared/i18n';
import { MAX_LISTED_HOSTS as MAX_HOSTS } from '../../shared/settings';

interface HostListProps {
  /** The list's name, e.g. "Always allow on these sites". */
  legend: string;
  /** What being on the list does. */
  description: string;
  /** The visible label of the input, e.g. "Site to allow". */
  inputLabel: string;
  hosts: readonly string[];
  /** Saves the new list. */
  onChange: (hosts: string[]) => void;
}

/** The message for input that `normalizeHost` rejected. */
function invalidMessage(text: string): string {
  return text.trim() === '' ? t('hostEmpty') : t('hostInvalid', text.trim());
}

/**
 * A list of hosts (a site and its subdomains) with a "Remove" button each, and an input to add one.
 * What the user types goes through `normalizeHost` (`https://WWW.Example.com/x` →
 * `www.example.com`); invalid input shows an inline error and adds nothing; a host already listed
 * is not added twice.
 */
export function HostList({ legend, description, inputLabel, hosts, onChange }: HostListProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  /** After a removal: the index whose "Remove" button takes focus (else the input). */
  const focusAfterRemove = useRef<number | null>(null);

  useEffect(() => {
    const index = focusAfterRemove.current;
    if (index === null) return;
    focusAfterRemove.current = null;
    const buttons = list.current?.querySelectorAll('button') ?? [];
    (buttons[Math.min(index, buttons.length - 1)] ?? input.current)?.focus();
  }, [hosts]);

  function add(event: Event): void {
    event.preventDefault();
    const host = normalizeHost(text);
    if (host === null) setError(invalidMessage(text));
    else if (hosts.includes(host)) setError(t('hostDuplicate', host));
    else if (hosts.length >= MAX_HOSTS) setError(t('hostListFull', MAX_HOSTS));
    else {
      setError(null);
      setText('');
      onChange([...hosts, host]);
    }
    input.current?.focus();
  }

  function remove(host: string): void {
    focusAfterRemove.current = hosts.indexOf(host);
    onChange(hosts.filter((h) => h !== host));
  }

  return (
    <form class="group host-list" onSubmit={add} noValidate>
      <fieldset>
        <legend>{legend}</legend>
        <p class="hint description" id={`${id}-description`}>
          {description}
        </p>
        {hosts.length === 0 ? (
          <p class="empty">{t('noSites')}</p>
        ) : (
          <ul class="hosts" ref={list} aria-label={legend}>
            {hosts.map((host) => (
              <li key={host}>
                <span class="host">{host}</span>
                <button
                  type="button"
                  class="secondary"
                  aria-label={t('removeHostLabel', host)}
                  onClick={() => remove(host)}
                >
                  {t('remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div class="field">
          <label for={`${id}-input`}>{inputLabel}</label>
          <div class="row">
            <input
              ref={input}
              id={`${id}-input`}
              type="text"
              inputMode="url"
              autocomplete="off"
              spellcheck={false}
              placeholder="example.com"
              value={text}
              aria-invalid={error !== null}
              aria-describedby={
                error === null ? `${id}-description` : `${id}-description ${id}-error`
              }
              onInput={(event) => {
                setText(event.currentTarget.value);
                setError(null);
              }}
            />
            <button type="submit">{t('add')}</button>
          </div>
          {error !== null && (
            <p class="error" role="alert" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
      </fieldset>
    </form>
  );
}
