import { parseArgs } from 'node:util';
import { PERSONALITIES, type PersonalityName, type ReferenceServerOptions, type TextEncoding } from './options';
import { QUERY_FAULTS, type QueryFault, type QueryResponderOptions } from './query-responder';
import { OTHER_PROTOCOLS, type OtherProtocol, type ProtocolFaults } from './protocols/common';

/** A command-line mistake; main prints the message on one line and exits with code 2. */
export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

/** `rcon` is the Source server; the others are the personalities in ./protocols. */
export type ServerProtocol = 'rcon' | OtherProtocol;

export type ParsedArgs =
  | { help: true }
  | {
      help: false;
      options: ReferenceServerOptions;
      protocol: ServerProtocol;
      protocolFaults: ProtocolFaults;
      /** Set when --query-port asks for the A2S responder next to the RCON port. */
      query?: QueryResponderOptions;
    };

export const DEFAULT_CLI_PORT = 27015;

export const USAGE = `Usage: npm run demo-server -- --password <password> [options]

  --host <address>            interface to listen on (default 127.0.0.1)
  --port <port>               TCP port, 0 for any free one (default ${DEFAULT_CLI_PORT})
  --password <password>       the RCON password (required)
  --personality <name>        ${PERSONALITIES.join(' | ')} (default srcds)
  --ban-after <n>             failed logins before an address is banned, 0 never (default 3)
  --broadcast-interval <ms>   chat period of the broadcast personality (default 1000)
  --max-body <bytes>          largest answer body per packet (default 4096)
  --encoding <name>           utf8 | latin1 (default utf8)
  --delay <ms>                wait before every answer
  --command-delay <ms>        wait before every answer but the login's
  --single-nul                end packets with one NUL instead of two
  --drop-after <bytes>        destroy each connection after writing this many bytes
  --bytes-per-write <n>       write answers n bytes at a time
  --write-interval <ms>       pause between those writes
  --packet-interval <ms>      pause between whole packets
  --garbage-after-auth        answer the first command with non-RCON bytes
  --close-on-auth             close the connection instead of answering logins
  --no-answer                 read everything, answer nothing, never close
  --http                      answer like a web server (HTTP 400) and close
  --query-port <port>         also answer Source server queries (A2S) on this UDP
                              port, 0 for any free one (default: no query answers)
  --query-fault <name>        ${QUERY_FAULTS.join(' | ')}
  --protocol <name>           rcon (default) | ${OTHER_PROTOCOLS.join(' | ')}: Rust WebRCON,
                              BattlEye RCon over UDP, 7 Days to Die telnet
  --close-after <n>           (other protocols) close the connection at the command after n
  --bad-crc-every <n>         (battleye) send every nth packet with a wrong CRC32
  --drop-every <n>            (battleye) lose every nth packet received
  (--close-on-auth and --broadcast-interval apply to the other protocols too)
  --help                      show this text`;

const FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  password: { type: 'string' },
  personality: { type: 'string' },
  'ban-after': { type: 'string' },
  'broadcast-interval': { type: 'string' },
  'max-body': { type: 'string' },
  encoding: { type: 'string' },
  delay: { type: 'string' },
  'command-delay': { type: 'string' },
  'single-nul': { type: 'boolean' },
  'drop-after': { type: 'string' },
  'bytes-per-write': { type: 'string' },
  'write-interval': { type: 'string' },
  'packet-interval': { type: 'string' },
  'garbage-after-auth': { type: 'boolean' },
  'close-on-auth': { type: 'boolean' },
  'no-answer': { type: 'boolean' },
  http: { type: 'boolean' },
  'query-port': { type: 'string' },
  'query-fault': { type: 'string' },
  protocol: { type: 'string' },
  'close-after': { type: 'string' },
  'bad-crc-every': { type: 'string' },
  'drop-every': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Turns the command line (without node and script) into server options. Throws ArgsError. */
export function parseServerArgs(argv: readonly string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    // Node's messages run on with advice about '--'; the first sentence is the useful part.
    const message = error instanceof Error ? error.message : String(error);
    throw new ArgsError(message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? message);
  }
  if (values.help) return { help: true };
  if (values.password === undefined) throw new ArgsError('--password is required');

  const personality = values.personality ?? 'srcds';
  if (!isPersonality(personality)) {
    throw new ArgsError(`--personality must be one of ${PERSONALITIES.join(', ')}, got "${personality}"`);
  }
  const encoding = values.encoding ?? 'utf8';
  if (encoding !== 'utf8' && encoding !== 'latin1') {
    throw new ArgsError(`--encoding must be utf8 or latin1, got "${encoding}"`);
  }
  const port = integer('port', values.port, 0, 65535) ?? DEFAULT_CLI_PORT;
  const queryPort = integer('query-port', values['query-port'], 0, 65535);
  const queryFault = values['query-fault'];
  if (queryFault !== undefined && !isQueryFault(queryFault)) {
    throw new ArgsError(`--query-fault must be one of ${QUERY_FAULTS.join(', ')}, got "${queryFault}"`);
  }
  if (queryFault !== undefined && queryPort === undefined) throw new ArgsError('--query-fault needs --query-port');
  const protocol = values.protocol ?? 'rcon';
  if (protocol !== 'rcon' && !(OTHER_PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new ArgsError(`--protocol must be one of rcon, ${OTHER_PROTOCOLS.join(', ')}, got "${protocol}"`);
  }

  return {
    help: false,
    protocol: protocol as ServerProtocol,
    protocolFaults: {
      closeOnLogin: values['close-on-auth'],
      closeAfterCommands: integer('close-after', values['close-after'], 0),
      badCrcEvery: integer('bad-crc-every', values['bad-crc-every'], 1),
      dropEvery: integer('drop-every', values['drop-every'], 1),
    },
    options: {
      host: values.host ?? '127.0.0.1',
      port,
      password: values.password,
      personality,
      encoding: encoding satisfies TextEncoding,
      banAfterFailures: integer('ban-after', values['ban-after'], 0),
      broadcastIntervalMs: integer('broadcast-interval', values['broadcast-interval'], 0),
      maxBodyBytes: integer('max-body', values['max-body'], 1),
      faults: {
        responseDelayMs: integer('delay', values.delay, 0),
        commandDelayMs: integer('command-delay', values['command-delay'], 0),
        singleNulTerminator: values['single-nul'],
        dropAfterBytes: integer('drop-after', values['drop-after'], 0),
        bytesPerWrite: integer('bytes-per-write', values['bytes-per-write'], 1),
        writeIntervalMs: integer('write-interval', values['write-interval'], 0),
        packetIntervalMs: integer('packet-interval', values['packet-interval'], 0),
        garbageAfterAuth: values['garbage-after-auth'],
        closeOnAuth: values['close-on-auth'],
        noAnswer: values['no-answer'],
        httpResponse: values.http,
      },
    },
    query:
      queryPort === undefined
        ? undefined
        : { host: values.host ?? '127.0.0.1', port: queryPort, ...(queryFault ? { fault: queryFault } : {}) },
  };
}

function isQueryFault(name: string): name is QueryFault {
  return (QUERY_FAULTS as readonly string[]).includes(name);
}

function isPersonality(name: string): name is PersonalityName {
  return (PERSONALITIES as readonly string[]).includes(name);
}

function integer(
  flag: string,
  text: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
    throw new ArgsError(`--${flag} must be ${range}, got "${text}"`);
  }
  return value;
}
