import { maskCommand } from '../shared/sensitive-commands';
import type { ServerEvent } from './options';

/** One log line per event. The password never reaches here; secrets typed as commands are masked. */
export function formatEvent(event: ServerEvent): string {
  switch (event.kind) {
    case 'connection':
      return `${event.address} connected`;
    case 'rejected':
      return `${event.address} refused: address is banned`;
    case 'auth':
      return `${event.address} login ${event.ok ? 'accepted' : 'rejected'}`;
    case 'ban':
      return `Banning ${event.address} for rcon hacking attempts (${event.failures} failed logins)`;
    case 'command':
      return `${event.address} command: ${maskSecrets(event.command)}`;
    case 'protocol-error':
      return `${event.address} sent bytes that are not RCON, closed: ${event.message}`;
    case 'internal-error':
      return `${event.address} internal error, closed: ${event.message}`;
    case 'rate-limited':
      return `${event.address} sent more than ${event.requests} requests in ${event.windowMs / 1000} s, closed`;
    case 'disconnect':
      return `${event.address} disconnected`;
  }
}

/** Commands that carry a secret are logged masked, by the same filter as the app and the CLI. */
export function maskSecrets(command: string): string {
  return maskCommand(command);
}
