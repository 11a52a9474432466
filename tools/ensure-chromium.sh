#!/bin/sh
# Install Debian's chromium for the browser tests, only when it is missing (make test stays
# idempotent and offline once installed). Never a Playwright browser download: the tests drive
# this system binary through playwright-core (executablePath /usr/bin/chromium).
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "installing Debian's chromium for the browser tests (about 0.9 GB, once)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
