import { describe, expect, it } from 'vitest';
import { contentScriptTab, createDiagnostics } from './diagnostics';

const OURS = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('contentScriptTab', () => {
  it("takes the tab of a content script's sender", () => {
    expect(contentScriptTab({ tab: { id: 7 }, origin: 'https://a.test' }, OURS)).toBe(7);
    // No `origin` (older Chrome): the URL's.
    expect(contentScriptTab({ tab: { id: 7 }, url: 'https://a.test/x' }, OURS)).toBe(7);
    // An opaque origin is still a page.
    expect(contentScriptTab({ tab: { id: 7 }, origin: 'null' }, OURS)).toBe(7);
  });

  it('leaves out senders that are not in a tab, and our own pages opened as tabs', () => {
    expect(contentScriptTab(undefined, OURS)).toBeNull();
    expect(contentScriptTab({ url: `${OURS}/src/popup/index.html` }, OURS)).toBeNull();
    expect(contentScriptTab({ tab: { id: -1 }, origin: 'https://a.test' }, OURS)).toBeNull();
    expect(contentScriptTab({ tab: { id: 3 }, origin: OURS }, OURS)).toBeNull();
    expect(
      contentScriptTab({ tab: { id: 3 }, url: `${OURS}/src/popup/index.html` }, OURS),
    ).toBeNull();
  });
});

describe('createDiagnostics', () => {
  it('counts Ports and one-off messages from content scripts by tab, apart', () => {
    const diagnostics = createDiagnostics(OURS);
    diagnostics.fromSender('port', { tab: { id: 4 }, origin: 'https://a.test' });
    diagnostics.fromSender('port', { tab: { id: 4 }, origin: 'https://b.test' });
    diagnostics.fromSender('message', { tab: { id: 5 }, origin: 'https://a.test' });
    diagnostics.fromSender('port', { tab: { id: 6 }, origin: OURS });
    diagnostics.fromSender('message', { url: `${OURS}/src/options/index.html` });
    expect(diagnostics.stats.contentScriptPortsByTab).toEqual({ 4: 2 });
    expect(diagnostics.stats.contentScriptMessagesByTab).toEqual({ 5: 1 });
  });
});
