import { describe, expect, it } from 'vitest';
import { isFetchableArtworkUrl, isIpLiteral } from './artwork-policy';

describe('isFetchableArtworkUrl', () => {
  it.each<[string, string, boolean]>([
    ['a public https host', 'https://i.ytimg.com/vi/x/hqdefault.jpg', true],
    ['a public host with a port and query', 'https://cdn.example.com:8443/a.png?s=256', true],
    ['a reserved test host (the fixtures)', 'https://player.test/media/cover-256.png', true],
    ['http', 'http://cdn.example.com/a.png', false],
    ['an IPv4 literal', 'https://127.0.0.1/a.png', false],
    ['a private IPv4 literal', 'https://192.168.1.1/cgi-bin/reboot', false],
    ['an IPv4 literal written in hex', 'https://0x7f.1/a.png', false],
    ['an IPv4 literal written as one number', 'https://2130706433/a.png', false],
    ['an IPv6 literal', 'https://[::1]/a.png', false],
    ['localhost', 'https://localhost/a.png', false],
    ['a localhost subdomain', 'https://app.localhost/a.png', false],
    ['a single-label name', 'https://intranet/a.png', false],
    ['an mDNS name', 'https://printer.local/a.png', false],
    ['a home network name', 'https://nas.home.arpa/a.png', false],
    ['a .internal name', 'https://metadata.google.internal/a.png', false],
    ['a trailing dot on a local name', 'https://printer.local./a.png', false],
    ['credentials in the URL', 'https://user:pass@cdn.example.com/a.png', false],
    ['a data URL', 'data:image/png;base64,AAAA', false],
    ['javascript:', 'javascript:alert(1)', false],
    ['not a URL', 'cover.png', false],
  ])('%s: %s → %s', (_name, url, expected) => {
    expect(isFetchableArtworkUrl(url)).toBe(expected);
  });
});

describe('isIpLiteral', () => {
  it.each([
    ['127.0.0.1', true],
    ['[::1]', true],
    ['10.0.0.5', true],
    ['cdn.example.com', false],
    ['1.example', false],
  ])('%s → %s', (host, expected) => {
    expect(isIpLiteral(host)).toBe(expected);
  });
});
