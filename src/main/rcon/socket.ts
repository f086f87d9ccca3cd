import net from 'node:net';
import { RconConnectionError, RconError, RconTimeoutError } from './errors';

const KEEPALIVE_IDLE_MS = 30_000;

/** Opens a TCP connection, turning every way it can fail into a typed error with a readable message. */
export function openSocket(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new RconTimeoutError('connect', timeoutMs, `${formatAddress(host, port)} did not accept the connection`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      // RCON has no heartbeat: let the kernel notice a peer that vanished without closing.
      socket.setKeepAlive(true, KEEPALIVE_IDLE_MS);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(describeSocketError(error, host, port));
    });
  });
}

export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function describeSocketError(error: unknown, host: string, port: number): RconError {
  if (error instanceof RconError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const address = formatAddress(host, port);
  switch (code) {
    case 'ECONNREFUSED':
      return new RconConnectionError(
        'refused',
        `Connection refused by ${address}: nothing is listening on that port (is the server running, and is the RCON port right?).`,
        { cause: error },
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
    case 'EAI_FAIL':
      return new RconConnectionError('dns', `Could not find the host "${host}": the name does not resolve.`, {
        cause: error,
      });
    case 'ECONNRESET':
    case 'EPIPE':
      return new RconConnectionError('reset', `The connection to ${address} was reset by the server.`, {
        cause: error,
      });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new RconConnectionError('unreachable', `${address} cannot be reached from this machine (${code}).`, {
        cause: error,
      });
    default:
      return new RconConnectionError(
        'other',
        `Connection to ${address} failed: ${error instanceof Error ? error.message : String(error)}.`,
        { cause: error },
      );
  }
}
