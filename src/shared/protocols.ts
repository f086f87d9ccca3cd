import type { ConsoleProtocol } from './api';

export const CONSOLE_PROTOCOLS: readonly ConsoleProtocol[] = ['rcon', 'webrcon', 'battleye', 'telnet'];

/**
 * The usual port of each protocol: Source's RCON port; Rust's rcon.port; BattlEye's RCon port of
 * DayZ and Arma 3 (the game port 2302 + 4, set by RConPort in BEServer_x64.cfg); 7 Days to Die's
 * TelnetPort in serverconfig.xml.
 */
export const PROTOCOL_DEFAULT_PORTS: Readonly<Record<ConsoleProtocol, number>> = {
  rcon: 27015,
  webrcon: 28016,
  battleye: 2306,
  telnet: 8081,
};

export const PROTOCOL_LABELS: Readonly<Record<ConsoleProtocol, string>> = {
  rcon: 'Source RCON (CS2, TF2, Minecraft, ARK…)',
  webrcon: 'Rust WebRCON',
  battleye: 'BattlEye RCon (DayZ, Arma)',
  telnet: '7 Days to Die telnet',
};
