#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests marked `browser`).
#
#   bash scripts/browser.sh     # installs chromium + chromium-driver when /usr/bin/chromium is missing
#
# Uses apt-get only (apt-get update first): no browser download of Playwright's own
# (`playwright install` is never run); the tests launch /usr/bin/chromium through the
# Playwright driver shipped in the Python wheel. Needs root (or sudo) to install.
# Prints the browser version on stdout; everything else goes to stderr.
set -euo pipefail

BROWSER=/usr/bin/chromium
log() { echo "browser.sh: $*" >&2; }

if [ ! -x "$BROWSER" ]; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || { log "not root and no sudo: cannot install chromium"; exit 1; }
        SUDO=sudo
    fi
    log "installing Debian's chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q >&2
    $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core >&2
fi
"$BROWSER" --version
