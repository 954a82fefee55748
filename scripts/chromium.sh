#!/usr/bin/env bash
# Debian's Chromium for the browser tests, without Playwright's browser
# download (which this machine's network refuses).
#
#   bash scripts/chromium.sh     # installs it when missing; prints its path
#
# Installs Debian's `chromium` package (needs root and apt-get) when no
# Chromium is on the machine. Unlike PostgreSQL it is not optional: the
# browser tests are part of the suite, so without it this fails, saying why.
set -euo pipefail
exec 3>&1 1>&2
log() { echo "[chromium] $*"; }

find_chromium() {
  local candidate
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! path="$(find_chromium)"; then
  [ "$(id -u)" = 0 ] || { log "Chromium is not installed and installing it needs root (or set CHROMIUM_PATH)"; exit 1; }
  command -v apt-get >/dev/null || { log "Chromium is not installed and there is no apt-get (set CHROMIUM_PATH)"; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  log "installing Debian's chromium package (about a minute)"
  apt_opts=(-y -qq -o Dpkg::Use-Pty=0 --no-install-recommends)
  if ! apt-get install "${apt_opts[@]}" chromium fonts-liberation >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install "${apt_opts[@]}" chromium fonts-liberation >/dev/null
  fi
  path="$(find_chromium)" || { log "the chromium package installed no /usr/bin/chromium"; exit 1; }
fi
log "using $path ($("$path" --version 2>/dev/null | head -1))"
echo "$path" >&3
