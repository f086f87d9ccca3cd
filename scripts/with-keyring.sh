#!/usr/bin/env bash
# Runs a command with a real, unlocked secret service (gnome-keyring on a private D-Bus session),
# so keytar talks to a real keychain in tests instead of a mock.
set -euo pipefail
if [ -n "${RCON_DESK_KEYRING_READY:-}" ]; then
  exec "$@"
fi
exec dbus-run-session -- sh -c 'echo -n rcon-desk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; RCON_DESK_KEYRING_READY=1 exec "$@"' sh "$@"
