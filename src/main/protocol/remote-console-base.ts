import { EventEmitter } from 'node:events';
import type { ConsoleProtocol } from '../../shared/api';
import { PROTOCOL_DEFAULT_PORTS } from '../../shared/protocols';
import type { RconStatus } from '../rcon/client';
import { RconRequestError } from '../rcon/errors';
import { resolveOptions, type ResolvedOptions } from '../rcon/options';
import { formatAddress } from '../rcon/socket';
import type { RemoteConsoleEvents, RemoteConsoleOptions } from './remote-console';

/**
 * What the WebRCON, BattlEye and telnet clients share: their options (the protocol's usual port by
 * default), their status and its events, and when bytes last arrived. Each says for itself when it
 * counts as `connected`, and does its own connecting, commands and closing.
 */
export abstract class RemoteConsoleBase extends EventEmitter<RemoteConsoleEvents> {
  readonly options: Readonly<ResolvedOptions>;
  /** Source dialects do not apply to these protocols. */
  readonly dialect = undefined;
  protected currentStatus: RconStatus = 'idle';
  /** performance.now() of the last bytes received. */
  protected lastReceived = 0;

  constructor(options: RemoteConsoleOptions, protocol: Exclude<ConsoleProtocol, 'rcon'>) {
    super();
    this.options = resolveOptions({ ...options, port: options.port ?? PROTOCOL_DEFAULT_PORTS[protocol] });
  }

  get status(): RconStatus {
    return this.currentStatus;
  }

  get authenticated(): boolean {
    return this.currentStatus === 'ready';
  }

  get address(): string {
    return formatAddress(this.options.host, this.options.port);
  }

  get lastReceivedAt(): number {
    return this.lastReceived;
  }

  /** connect() may only start from idle or after a close. */
  protected refuseUnlessIdle(): void {
    if (this.currentStatus !== 'idle' && this.currentStatus !== 'closed') {
      throw new RconRequestError(`Already ${this.currentStatus}: close the connection before connecting again.`);
    }
  }

  protected setStatus(status: RconStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.emit('status', status);
  }
}
