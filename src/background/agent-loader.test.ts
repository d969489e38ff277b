import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { AGENT_BUDGET, createAgentLoader, UNEXPLAINED_AUDIO_MS } from './agent-loader';
import { createDiagnostics } from './diagnostics';

const REQUEST = { type: 'load-agent' };

/** A sender as Chrome gives it for a content script in frame `frameId` of tab `tabId`. */
function sender(tabId: number, frameId = 0, documentId = `DOC-${tabId}-${frameId}`) {
  return {
    tab: { id: tabId },
    frameId,
    documentId,
    origin: 'https://player.test',
    url: 'https://player.test/',
  } as unknown as Runtime.MessageSender;
}

/** A loader with a fake clock and timers; `inject` and `injectAll` resolve unless told otherwise. */
function harness(options: { sessions?: number[]; failInject?: boolean } = {}) {
  let now = 1_000_000;
  const timers: { at: number; fn: () => void }[] = [];
  const diagnostics = createDiagnostics('chrome-extension://abc');
  const inject = vi.fn(async (_tabId: number, _documentId: string) => {
    if (options.failInject) throw new Error('No frame with id');
  });
  const injectAll = vi.fn(async (_tabId: number) => {});
  const loader = createAgentLoader({
    inject,
    injectAll,
    hasSession: (tabId) => (options.sessions ?? []).includes(tabId),
    later: (fn, ms) => timers.push({ at: now + ms, fn }),
    now: () => now,
    diagnostics,
  });
  return {
    loader,
    inject,
    injectAll,
    stats: diagnostics.stats,
    /** Moves the clock on by `ms`, running the timers that come due. */
    advance(ms: number) {
      now += ms;
      for (const timer of timers.splice(0)) {
        if (timer.at <= now) timer.fn();
        else timers.push(timer);
      }
    },
  };
}

describe('createAgentLoader', () => {
  it('injects the agent into exactly the sender’s tab and document, and counts it', async () => {
    const h = harness();
    await expect(h.loader.handle(REQUEST, sender(7, 3, 'DOC-X'))).resolves.toBe(true);
    expect(h.inject).toHaveBeenCalledExactlyOnceWith(7, 'DOC-X');
    expect(h.stats.agentsLoaded).toBe(1);
  });

  it('leaves every other message to other listeners, counting a malformed one', () => {
    const h = harness();
    for (const message of [
      { type: 'load-agent', tabId: 9 },
      { type: 'other' },
      'load-agent',
      null,
    ]) {
      expect(h.loader.handle(message, sender(1))).toBeUndefined();
    }
    expect(h.stats.rejectedByReason['agent-request']).toBe(4);
    expect(h.inject).not.toHaveBeenCalled();
  });

  it('refuses a sender that is not a tab’s document, or is prerendered', async () => {
    const h = harness();
    const noDocument = { tab: { id: 1 }, frameId: 0 } as unknown as Runtime.MessageSender;
    const extensionPage = { url: 'chrome-extension://abc/popup.html' } as Runtime.MessageSender;
    const prerendered = { ...sender(2), documentLifecycle: 'prerender' } as Runtime.MessageSender;
    for (const from of [noDocument, extensionPage, prerendered]) {
      await expect(h.loader.handle(REQUEST, from)).resolves.toBe(false);
    }
    expect(h.inject).not.toHaveBeenCalled();
    expect(h.stats.rejectedByReason['agent-request']).toBe(3);
  });

  it('a second request while the first is being injected waits for it; a later one injects again', async () => {
    const h = harness();
    const first = h.loader.handle(REQUEST, sender(1));
    const second = h.loader.handle(REQUEST, sender(1));
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
    expect(h.inject).toHaveBeenCalledTimes(1);
    // A new first stage in the same document (the content scripts injected again) needs it again.
    await h.loader.handle(REQUEST, sender(1));
    expect(h.inject).toHaveBeenCalledTimes(2);
  });

  it('answers false when Chrome refuses the injection, and counts no agent', async () => {
    const h = harness({ failInject: true });
    await expect(h.loader.handle(REQUEST, sender(1))).resolves.toBe(false);
    expect(h.stats.agentsLoaded).toBe(0);
  });

  it('a tab past its burst is told when to ask again; other tabs are not affected', async () => {
    const h = harness();
    for (let frame = 0; frame < AGENT_BUDGET.burst; frame++) {
      await expect(h.loader.handle(REQUEST, sender(1, frame))).resolves.toBe(true);
    }
    const refused = await h.loader.handle(REQUEST, sender(1, 99));
    expect(refused).toEqual({ retryAfterMs: Math.ceil(1000 / AGENT_BUDGET.rate) });
    await expect(h.loader.handle(REQUEST, sender(2))).resolves.toBe(true);
    h.advance(1000 / AGENT_BUDGET.rate);
    await expect(h.loader.handle(REQUEST, sender(1, 99))).resolves.toBe(true);
    expect(h.inject).toHaveBeenCalledTimes(AGENT_BUDGET.burst + 2);
  });

  it('an audible tab with no session after a second gets the agent in every frame; one with a session does not', () => {
    const h = harness({ sessions: [2] });
    h.loader.onAudible(1);
    h.loader.onAudible(2);
    h.advance(UNEXPLAINED_AUDIO_MS - 1);
    expect(h.injectAll).not.toHaveBeenCalled();
    h.advance(1);
    expect(h.injectAll).toHaveBeenCalledExactlyOnceWith(1);
  });
});
