import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, MAX_LISTED_HOSTS, type Settings } from '../shared/settings';
import type { SettingsState, SettingsStore } from '../ui/settings-store';
import { OptionsApp } from './options-app';

/**
 * A `SettingsStore` the test drives: records every `update`, applies it like the real store, and
 * resolves or fails the write as told.
 */
class FakeStore implements SettingsStore {
  state: SettingsState;
  readonly updates: Partial<Settings>[] = [];
  failWith: Error | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(settings: Partial<Settings> = {}, loaded = true) {
    this.state = { settings: { ...DEFAULT_SETTINGS, ...settings }, loaded };
  }
  get(): SettingsState {
    return this.state;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  update = vi.fn(async (patch: Partial<Settings>) => {
    this.updates.push(patch);
    if (this.failWith) throw this.failWith;
    this.push({ settings: { ...this.state.settings, ...patch } });
  });
  /** Replaces the state and notifies (a load, or a change made elsewhere). */
  push(next: Partial<SettingsState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }
}

afterEach(cleanup);

function renderOptions(settings: Partial<Settings> = {}, loaded = true) {
  const store = new FakeStore(settings, loaded);
  const openChromeSettings = vi.fn();
  const result = render(<OptionsApp store={store} openChromeSettings={openChromeSettings} />);
  return { store, openChromeSettings, ...result };
}

/** Lets the store's promise settle and Preact re-render. */
async function flush(): Promise<void> {
  await act(async () => {
    await Promise.resolve();
  });
}

const allowList = () => screen.getByRole('group', { name: 'Always allow on these sites' });
const blockList = () => screen.getByRole('group', { name: 'Never on these sites' });
const seekStep = () => screen.getByRole('spinbutton', { name: 'Seek step' });

async function addHost(list: HTMLElement, text: string): Promise<void> {
  const input = within(list).getByRole('textbox');
  fireEvent.input(input, { target: { value: text } });
  fireEvent.click(within(list).getByRole('button', { name: 'Add' }));
  await flush();
}

describe('OptionsApp: rendering', () => {
  it('shows the page title and Loading… until the settings are loaded', () => {
    const { store } = renderOptions({}, false);
    expect(screen.getByRole('heading', { level: 1, name: 'Media Deck settings' })).toBeTruthy();
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    act(() => store.push({ loaded: true }));
    // Three automatic picture-in-picture modes, three keys rules.
    expect(screen.getAllByRole('radio')).toHaveLength(6);
  });

  it('keys rule: shows the current rule and saves another', async () => {
    const { store } = renderOptions({ keysRule: 'current-tab' });
    const group = screen.getByRole('group', { name: 'Media keys control' });
    const radios = within(group).getAllByRole<HTMLInputElement>('radio');
    expect(radios.map((r) => r.checked)).toEqual([false, true, false]);
    expect(within(group).getByText(/while none is pinned, the keys do nothing/)).toBeTruthy();
    fireEvent.click(within(group).getByLabelText('The pinned media only'));
    await flush();
    expect(store.updates.at(-1)).toEqual({ keysRule: 'pinned-only' });
    expect(within(group).getByLabelText<HTMLInputElement>('The pinned media only').checked).toBe(
      true,
    );
  });

  it('pause others: off by default, resume waits for it, exempt sites are a list', async () => {
    const { store } = renderOptions({});
    const pause = screen.getByLabelText<HTMLInputElement>('Pause other playing media');
    const resume = screen.getByLabelText<HTMLInputElement>(
      'Resume them when that media is paused or ends',
    );
    expect(pause.checked).toBe(false);
    expect(resume.disabled).toBe(true);
    fireEvent.click(pause);
    await flush();
    expect(store.updates.at(-1)).toEqual({ pauseOthers: true });
    expect(resume.disabled).toBe(false);
    await addHost(screen.getByRole('group', { name: 'Sites left playing' }), 'meet.example.com');
    expect(store.updates.at(-1)).toEqual({ pauseOthersExemptHosts: ['meet.example.com'] });
  });

  it('renders the current settings', () => {
    renderOptions({
      autoPictureInPicture: 'video-and-audio',
      autoPipAllowHosts: ['music.example.com', 'radio.example'],
      autoPipBlockHosts: ['ads.example.net'],
      seekOffsetSeconds: 30,
    });
    const group = screen.getByRole('group', { name: 'Automatic picture-in-picture' });
    const radios = within(group).getAllByRole<HTMLInputElement>('radio');
    expect(radios.map((r) => r.labels?.[0]?.textContent)).toEqual([
      'Off',
      'Videos only',
      'Videos and audio',
    ]);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Videos and audio' }).checked).toBe(
      true,
    );
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Off' }).checked).toBe(false);
    expect(
      within(allowList())
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['music.example.com', 'radio.example']);
    expect(
      within(blockList()).getByRole('button', { name: 'Remove ads.example.net' }),
    ).toBeTruthy();
    expect((seekStep() as HTMLInputElement).value).toBe('30');
  });

  it('follows changes made elsewhere', () => {
    const { store } = renderOptions();
    act(() =>
      store.push({
        settings: {
          ...DEFAULT_SETTINGS,
          autoPictureInPicture: 'off',
          autoPipBlockHosts: ['x.test'],
        },
      }),
    );
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Off' }).checked).toBe(true);
    expect(within(blockList()).getByText('x.test')).toBeTruthy();
  });

  it('says "No sites yet." for an empty list', () => {
    renderOptions();
    expect(within(allowList()).getByText('No sites yet.')).toBeTruthy();
    expect(within(blockList()).getByText('No sites yet.')).toBeTruthy();
  });

  it('labels every control and explains the radios', () => {
    renderOptions({ autoPipAllowHosts: ['a.test'] });
    for (const control of [
      ...screen.getAllByRole('radio'),
      ...screen.getAllByRole('textbox'),
      seekStep(),
    ]) {
      expect((control as HTMLInputElement).labels?.[0]?.textContent?.trim()).toBeTruthy();
    }
    const audio = screen.getByRole('radio', { name: 'Videos and audio' });
    const hint = document.getElementById(audio.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/mini player/);
    expect(screen.getByRole('textbox', { name: 'Site to allow' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Site to block' })).toBeTruthy();
  });
});

describe('OptionsApp: automatic picture-in-picture', () => {
  it('choosing a radio calls update with the mode, then says Saved', async () => {
    const { store } = renderOptions();
    fireEvent.click(screen.getByRole('radio', { name: 'Videos and audio' }));
    await flush();
    expect(store.updates).toEqual([{ autoPictureInPicture: 'video-and-audio' }]);
    expect(screen.getByRole('status').textContent).toBe('Saved');
    fireEvent.click(screen.getByRole('radio', { name: 'Off' }));
    await flush();
    expect(store.updates.at(-1)).toEqual({ autoPictureInPicture: 'off' });
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Off' }).checked).toBe(true);
  });

  it("explains when Chrome opens it and opens Chrome's site settings", () => {
    const { openChromeSettings } = renderOptions();
    const group = screen.getByRole('group', { name: 'Automatic picture-in-picture' });
    expect(group.textContent).toMatch(/https/);
    expect(group.textContent).toMatch(/"Automatic picture-in-picture" setting allows it/);
    fireEvent.click(screen.getByRole('button', { name: "Open Chrome's site settings" }));
    expect(openChromeSettings).toHaveBeenCalledTimes(1);
  });
});

describe('OptionsApp: site lists', () => {
  it('adds a host to the allow list and clears the input', async () => {
    const { store } = renderOptions({ autoPipAllowHosts: ['a.test'] });
    await addHost(allowList(), 'music.example.com');
    expect(store.updates).toEqual([{ autoPipAllowHosts: ['a.test', 'music.example.com'] }]);
    expect(within(allowList()).getByText('music.example.com')).toBeTruthy();
    expect(within(allowList()).getByRole<HTMLInputElement>('textbox').value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('Saved');
  });

  it('adds with Enter (the form submits)', async () => {
    const { store } = renderOptions();
    const input = within(blockList()).getByRole('textbox');
    fireEvent.input(input, { target: { value: 'ads.example.net' } });
    fireEvent.submit(input.closest('form') as HTMLFormElement);
    await flush();
    expect(store.updates).toEqual([{ autoPipBlockHosts: ['ads.example.net'] }]);
  });

  it('normalizes what the user typed: https://WWW.Example.com/x → www.example.com', async () => {
    const { store } = renderOptions();
    await addHost(blockList(), '  https://WWW.Example.com/x  ');
    expect(store.updates).toEqual([{ autoPipBlockHosts: ['www.example.com'] }]);
    expect(
      within(blockList()).getByRole('button', { name: 'Remove www.example.com' }),
    ).toBeTruthy();
  });

  it.each(['not a host', 'https://', '[::1]', 'exa_mple.com'])(
    'shows an inline error for %j and adds nothing',
    async (text) => {
      const { store } = renderOptions();
      await addHost(allowList(), text);
      expect(store.update).not.toHaveBeenCalled();
      const alert = within(allowList()).getByRole('alert');
      expect(alert.textContent).toMatch(/is not a site/);
      const input = within(allowList()).getByRole('textbox');
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(input.getAttribute('aria-describedby')).toContain(alert.id);
      expect((input as HTMLInputElement).value).toBe(text);
      expect(within(blockList()).queryByRole('alert')).toBeNull();
    },
  );

  it('asks for a site when the input is empty, and clears the error on typing', async () => {
    const { store } = renderOptions();
    await addHost(allowList(), '   ');
    expect(store.update).not.toHaveBeenCalled();
    expect(within(allowList()).getByRole('alert').textContent).toMatch(/Type a site first/);
    fireEvent.input(within(allowList()).getByRole('textbox'), { target: { value: 'a' } });
    expect(within(allowList()).queryByRole('alert')).toBeNull();
  });

  it('does not add a host twice (after normalizing)', async () => {
    const { store } = renderOptions({ autoPipAllowHosts: ['www.example.com'] });
    await addHost(allowList(), 'https://www.example.com/watch?v=1');
    expect(store.update).not.toHaveBeenCalled();
    expect(within(allowList()).getAllByRole('listitem')).toHaveLength(1);
    expect(within(allowList()).getByRole('alert').textContent).toMatch(/already on this list/);
  });

  it('allows the same host on both lists (block wins, and the page says so)', async () => {
    const { store } = renderOptions({ autoPipAllowHosts: ['example.com'] });
    await addHost(blockList(), 'example.com');
    expect(store.updates).toEqual([{ autoPipBlockHosts: ['example.com'] }]);
    expect(screen.getByText(/"Never" wins/)).toBeTruthy();
  });

  it('refuses to add past the list limit', async () => {
    const hosts = Array.from({ length: MAX_LISTED_HOSTS }, (_, i) => `h${i}.test`);
    const { store } = renderOptions({ autoPipBlockHosts: hosts });
    await addHost(blockList(), 'one-more.test');
    expect(store.update).not.toHaveBeenCalled();
    expect(within(blockList()).getByRole('alert').textContent).toMatch(/full/);
  });

  it('removes a host and moves focus to the next Remove button, then to the input', async () => {
    const { store } = renderOptions({ autoPipAllowHosts: ['a.test', 'b.test', 'c.test'] });
    fireEvent.click(within(allowList()).getByRole('button', { name: 'Remove b.test' }));
    await flush();
    expect(store.updates).toEqual([{ autoPipAllowHosts: ['a.test', 'c.test'] }]);
    expect(within(allowList()).queryByText('b.test')).toBeNull();
    expect(document.activeElement).toBe(
      within(allowList()).getByRole('button', { name: 'Remove c.test' }),
    );
    expect(screen.getByRole('status').textContent).toBe('Saved');
    fireEvent.click(within(allowList()).getByRole('button', { name: 'Remove c.test' }));
    await flush();
    expect(document.activeElement).toBe(
      within(allowList()).getByRole('button', { name: 'Remove a.test' }),
    );
    fireEvent.click(within(allowList()).getByRole('button', { name: 'Remove a.test' }));
    await flush();
    expect(store.updates.at(-1)).toEqual({ autoPipAllowHosts: [] });
    expect(document.activeElement).toBe(within(allowList()).getByRole('textbox'));
  });
});

describe('OptionsApp: seek step', () => {
  it('saves a valid value on change', async () => {
    const { store } = renderOptions();
    fireEvent.input(seekStep(), { target: { value: '45' } });
    expect(store.update).not.toHaveBeenCalled();
    fireEvent.change(seekStep(), { target: { value: '45' } });
    await flush();
    expect(store.updates).toEqual([{ seekOffsetSeconds: 45 }]);
    expect(screen.getByRole('status').textContent).toBe('Saved');
    expect((seekStep() as HTMLInputElement).value).toBe('45');
  });

  it.each(['1', '300'])('accepts the bound %s', async (value) => {
    const { store } = renderOptions();
    fireEvent.change(seekStep(), { target: { value } });
    await flush();
    expect(store.updates).toEqual([{ seekOffsetSeconds: Number(value) }]);
  });

  it.each(['0', '301', '2.5', '-5', '', 'abc'])(
    'shows an error for %j and saves nothing',
    async (value) => {
      const { store } = renderOptions({ seekOffsetSeconds: 20 });
      fireEvent.change(seekStep(), { target: { value } });
      await flush();
      expect(store.update).not.toHaveBeenCalled();
      const alert = screen.getByRole('alert');
      expect(alert.textContent).toMatch(/whole number of seconds from 1 to 300/);
      expect(seekStep().getAttribute('aria-invalid')).toBe('true');
      expect(seekStep().getAttribute('aria-describedby')).toContain(alert.id);
      expect(screen.getByRole('status').textContent).toBe('');
    },
  );

  it('clears the error once the value is fixed', async () => {
    const { store } = renderOptions();
    fireEvent.change(seekStep(), { target: { value: '0' } });
    expect(screen.getByRole('alert')).toBeTruthy();
    fireEvent.input(seekStep(), { target: { value: '15' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.change(seekStep(), { target: { value: '15' } });
    await flush();
    expect(store.updates).toEqual([{ seekOffsetSeconds: 15 }]);
    expect(seekStep().getAttribute('aria-invalid')).toBe('false');
  });

  it('shows a value changed elsewhere', () => {
    const { store } = renderOptions({ seekOffsetSeconds: 10 });
    act(() => store.push({ settings: { ...DEFAULT_SETTINGS, seekOffsetSeconds: 60 } }));
    expect((seekStep() as HTMLInputElement).value).toBe('60');
  });
});

describe('OptionsApp: status line', () => {
  it('is empty until something is saved', () => {
    renderOptions();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('says why a write failed', async () => {
    const { store } = renderOptions();
    store.failWith = new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    fireEvent.click(screen.getByRole('radio', { name: 'Off' }));
    await flush();
    expect(screen.getByRole('status').textContent).toMatch(/^Not saved: .*sync storage is full/);
    store.failWith = new Error('boom');
    fireEvent.click(screen.getByRole('radio', { name: 'Videos and audio' }));
    await flush();
    expect(screen.getByRole('status').textContent).toBe('Not saved: boom');
    store.failWith = null;
    fireEvent.click(screen.getByRole('radio', { name: 'Off' }));
    await flush();
    expect(screen.getByRole('status').textContent).toBe('Saved');
  });

  it('reports only the latest write when an older one finishes later', async () => {
    const { store } = renderOptions();
    let finishFirst: (() => void) | undefined;
    store.update.mockImplementationOnce(
      () =>
        new Promise<void>((_resolve, reject) => {
          finishFirst = () => reject(new Error('late failure'));
        }),
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Off' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Videos and audio' }));
    await flush();
    expect(screen.getByRole('status').textContent).toBe('Saved');
    await act(async () => {
      finishFirst?.();
      await Promise.resolve();
    });
    expect(screen.getByRole('status').textContent).toBe('Saved');
  });
});

describe('OptionsApp: toolbar icon', () => {
  it('the count is off by default; checking it saves toolbarCount, then says Saved', async () => {
    const { store } = renderOptions();
    const box = screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Count the playing media on the icon',
    });
    expect(box.checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    fireEvent.click(box);
    await flush();
    expect(store.updates).toEqual([{ toolbarCount: true }]);
    expect(box.checked).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Saved');
  });
});

describe('OptionsApp without automatic picture-in-picture (Firefox)', () => {
  it('says so in one line instead of its mode and site lists, and keeps the rest', () => {
    render(<OptionsApp store={new FakeStore()} />);
    expect(
      screen.getByText(
        'This browser has no automatic picture-in-picture, so its settings are not shown here.',
      ),
    ).toBeTruthy();
    expect(document.querySelector('section.sites')).toBeNull();
    expect(screen.queryByRole('radio', { name: /videos only/i })).toBeNull();
    expect(document.querySelector('section.keys')).not.toBeNull();
    expect(document.querySelector('section.seeking')).not.toBeNull();
  });
});
