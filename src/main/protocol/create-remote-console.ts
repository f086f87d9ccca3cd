import { RconClient } from '../rcon/client';
import { RconRequestError } from '../rcon/errors';
import { WebRconClient } from '../webrcon/client';
import { TelnetClient } from '../telnet/client';
import { BattlEyeClient } from '../battleye/client';
import {
  PROTOCOLS,
  PROTOCOL_DEFAULT_PORTS,
  isProtocol,
  type RemoteConsole,
  type RemoteConsoleOptions,
  type RemoteConsoleProtocol,
} from './remote-console';

/** Builds the client of a protocol; the port defaults to the protocol's usual one. */
export function createRemoteConsole(protocol: RemoteConsoleProtocol, options: RemoteConsoleOptions): RemoteConsole {
  if (!isProtocol(protocol)) {
    throw new RconRequestError(`Unknown protocol "${String(protocol)}": use ${PROTOCOLS.join(', ')}.`);
  }
  const withPort = { ...options, port: options.port ?? PROTOCOL_DEFAULT_PORTS[protocol] };
  switch (protocol) {
    case 'rcon':
      return new RconClient(withPort);
    case 'webrcon':
      return new WebRconClient(withPort);
    case 'telnet':
      return new TelnetClient(withPort);
    case 'battleye':
      return new BattlEyeClient(withPort);
  }
}
