#!/usr/bin/env bash
# Runs a command with a real, unlocked secret service (gnome-keyring on a private D-Bus session),
# so keytar talks to a real keychain in tests instead of a mock. The keyring lives in a fresh
# temporary folder: the user's own keyring is never touched, and no old password can lock it.
set -euo pipefail
if [ -n "${RCON_DESK_KEYRING_READY:-}" ]; then
  exec "$@"
fi
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export RCON_DESK_KEYRING_HOME="$keyring_home"
dbus-run-session -- sh -c '
  echo -n rcon-desk-test | XDG_DATA_HOME="$RCON_DESK_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  RCON_DESK_KEYRING_READY=1 exec "$@"' sh "$@" 2> >(grep -v -e "Failed to set fd limit" -e "SystemPrompter" -e "cannot open display" >&2)
