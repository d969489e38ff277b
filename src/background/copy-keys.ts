/**
 * The keys copies of the MAIN world answer to (`CopyKeys`, src/shared/channel.ts), made anew once
 * per activation of the extension (install, update, reload, enable) and kept in
 * `chrome.storage.local`, where each frame's session agent reads the current one. The key of the
 * activation before stays as `previous`: after an update, the worker's late injection
 * (src/background/inject-open-tabs.ts) asks with both whether a page's earlier copy is still there.
 */
import { COPY_KEYS_STORAGE_KEY, type CopyKeys } from '../shared/channel';

/** Replaces the current key with a new random one; resolves to the keys now in force. */
async function rotateCopyKeys(): Promise<CopyKeys> {
  let previous: string | null = null;
  try {
    const stored = (await chrome.storage.local.get(COPY_KEYS_STORAGE_KEY))[COPY_KEYS_STORAGE_KEY] as
      | Partial<CopyKeys>
      | undefined;
    if (typeof stored?.current === 'string') previous = stored.current;
  } catch {
    // Unreadable: a fresh pair; an earlier copy is then not found, and a page is wrapped twice.
  }
  const keys: CopyKeys = { current: crypto.randomUUID(), previous };
  await chrome.storage.local.set({ [COPY_KEYS_STORAGE_KEY]: keys }).catch(() => {});
  return keys;
}

/** `chrome.storage.session` flag: this activation rotated its keys (cleared on every activation). */
const ROTATED_KEY = 'copyKeysRotated';

/**
 * The keys for this worker start: rotated once per activation (at its first worker start; a
 * later start, or one after a stop halfway through, keeps them), else as stored. Never rejects.
 */
export async function copyKeysForThisStart(): Promise<CopyKeys | null> {
  try {
    if ((await chrome.storage.session.get(ROTATED_KEY))[ROTATED_KEY]) return currentCopyKeys();
  } catch {
    return currentCopyKeys(); // unreadable: better keep the keys than lose the previous one
  }
  const keys = await rotateCopyKeys();
  await chrome.storage.session.set({ [ROTATED_KEY]: true }).catch(() => {});
  return keys;
}

/** The keys in force, without rotating them. */
export async function currentCopyKeys(): Promise<CopyKeys | null> {
  try {
    const stored = (await chrome.storage.local.get(COPY_KEYS_STORAGE_KEY))[COPY_KEYS_STORAGE_KEY] as
      | CopyKeys
      | undefined;
    return typeof stored?.current === 'string' ? stored : null;
  } catch {
    return null;
  }
}
