#!/usr/bin/env bash
# Makes sure the system packages Media Deck's start and tests need are present:
# Chromium (driven by playwright-core) with its UI languages (chromium-l10n: the German and Arabic
# UI tests), Firefox ESR (the Firefox build's tests, driven by puppeteer-core over WebDriver BiDi),
# and Xvfb, xauth and xdotool (headed runs with real keys).
# On Debian as root it installs what is missing with apt-get; otherwise it prints the exact
# command and fails, so a missing browser is never a silent skip.
set -euo pipefail

chrome="${CHROME_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chrome" ] || missing+=(chromium)
# Debian's Chromium ships only en-US; the other UI languages are in chromium-l10n. Another build
# (CHROME_PATH) brings its own.
if [ "$chrome" = /usr/bin/chromium ] && [ ! -e /usr/lib/chromium/locales/de.pak ]; then
  missing+=(chromium-l10n)
fi
firefox="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
[ -x "$firefox" ] || missing+=(firefox-esr)
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
command -v xauth >/dev/null 2>&1 || missing+=(xauth)
command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
[ ${#missing[@]} -eq 0 ] && exit 0

# A custom CHROME_PATH that does not exist is the user's to fix, not apt's.
if [ -n "${CHROME_PATH:-}" ] && [ ! -x "$CHROME_PATH" ]; then
  echo "CHROME_PATH=$CHROME_PATH is not an executable Chromium." >&2
  exit 1
fi
if [ -n "${FIREFOX_PATH:-}" ] && [ ! -x "$FIREFOX_PATH" ]; then
  echo "FIREFOX_PATH=$FIREFOX_PATH is not an executable Firefox." >&2
  exit 1
fi

cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -x "$chrome" ] || { echo "Chromium still missing at $chrome after install." >&2; exit 1; }
  [ -x "$firefox" ] || { echo "Firefox still missing at $firefox after install." >&2; exit 1; }
  exit 0
fi

echo "Missing system packages: ${missing[*]}" >&2
echo "Install them (Debian/Ubuntu) with:" >&2
echo "  sudo sh -c '$cmd'" >&2
echo "or point CHROME_PATH at a Chromium build (FIREFOX_PATH at a Firefox)." >&2
exit 1
