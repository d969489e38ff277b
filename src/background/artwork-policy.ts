/**
 * Which artwork URLs Media Deck may fetch on the user's behalf. A page names its artwork; the
 * extension fetches it (src/background/artwork-loader.ts) with no credentials and no referrer,
 * so that showing it never costs the user a request they did not make: no cookies sent to the
 * page's chosen server, no request into the user's own network. Only `https:` URLs of public hosts
 * qualify; a `data:image/` URL the page declared needs no request at all. Pure.
 */

/** Host name endings that never name a public host (RFC 6761, RFC 6762, RFC 8375, common LANs). */
const PRIVATE_SUFFIXES = [
  '.localhost',
  '.local',
  '.internal',
  '.intranet',
  '.lan',
  '.home',
  '.corp',
  '.home.arpa',
  '.localdomain',
];

/** Whether `hostname` (as `URL.hostname` gives it) is an IPv4 or IPv6 literal. */
export function isIpLiteral(hostname: string): boolean {
  if (hostname.startsWith('[')) return true; // IPv6: URL keeps the brackets
  // The URL parser already turned every IPv4 form (octal, hex, short) into dotted decimal.
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Whether Media Deck may fetch `url` as artwork: `https:`, no user name or password, and a host
 * that is a public name: not an IP literal, not `localhost`, not single-label (`intranet`), and not
 * under a local or private suffix (`.local`, `.internal`, `.home.arpa`, …). Never throws.
 */
export function isFetchableArtworkUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.replace(/\.$/, '');
  if (host === '' || isIpLiteral(host) || host === 'localhost') return false;
  if (!host.includes('.')) return false;
  return !PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
