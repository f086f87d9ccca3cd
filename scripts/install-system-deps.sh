#!/usr/bin/env bash
# Installs the Debian packages a fresh machine lacks: the headers keytar builds against,
# a secret service for the keychain tests, and Chromium for the browser tests.
set -euo pipefail
packages=(libsecret-1-dev gnome-keyring dbus dbus-x11 chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
