import { describe, expect, it } from 'vitest';
import { hostMatches, hostOf, normalizeHost } from './hosts';

describe('hostOf', () => {
  it.each([
    ['https://player.test', 'player.test'],
    ['https://player.test:8443', 'player.test'],
    ['https://Music.Example.com/path?x=1', 'music.example.com'],
    ['file:///home/me/song.html', 'file:///home/me/song.html'],
    ['null', 'null'],
    ['', ''],
  ])('hostOf(%j) → %j', (url, expected) => {
    expect(hostOf(url)).toBe(expected);
  });
});

describe('normalizeHost and hostMatches', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM ', 'example.com'],
    ['https://www.example.com/watch?v=1', 'www.example.com'],
    ['http://example.com:8080', 'example.com'],
    ['', null],
    ['not a host', null],
    ['javascript:alert(1)', null],
  ])('normalizeHost(%j) → %j', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });

  it.each([
    ['example.com', 'example.com', true],
    ['music.example.com', 'example.com', true],
    ['badexample.com', 'example.com', false],
    ['example.com', 'music.example.com', false],
  ])('hostMatches(%s, %s) → %s', (host, listed, expected) => {
    expect(hostMatches(host, listed)).toBe(expected);
  });
});
