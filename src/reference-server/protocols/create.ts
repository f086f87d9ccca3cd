import { BattlEyeReferenceServer } from './battleye-server';
import type { OtherProtocol, ProtocolServer, ProtocolServerOptions } from './common';
import { TelnetReferenceServer } from './telnet-server';
import { WebRconReferenceServer } from './webrcon-server';

export function createProtocolServer(protocol: OtherProtocol, options: ProtocolServerOptions): ProtocolServer {
  switch (protocol) {
    case 'webrcon':
      return new WebRconReferenceServer(options);
    case 'battleye':
      return new BattlEyeReferenceServer(options);
    case 'telnet':
      return new TelnetReferenceServer(options);
  }
}
