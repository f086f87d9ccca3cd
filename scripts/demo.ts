import { spawn } from 'node:child_process';
import { ReferenceServer } from '../src/reference-server/server';
import { electronBinary } from './electron-binary';
import { PERSONALITIES, type PersonalityName } from '../src/reference-server/options';
import { OTHER_PROTOCOLS, type OtherProtocol, type ProtocolServer } from '../src/reference-server/protocols/common';
import { createProtocolServer } from '../src/reference-server/protocols/create';

/**
 * `npm run demo`: starts the reference server and opens RCON Desk on it with a ready "Demo server"
 * profile. Where Electron's binary is not installed (it cannot be downloaded everywhere), it opens
 * the `rcon` shell on the same server instead, so the demo always shows a live console.
 */
const PASSWORD = 'demo';
const PREFERRED_PORT = 27015;

async function startServer(personality: PersonalityName): Promise<ReferenceServer> {
  const options = { password: PASSWORD, personality, broadcastIntervalMs: personality === 'broadcast' ? 5000 : 0 };
  const server = new ReferenceServer({ ...options, port: PREFERRED_PORT });
  try {
    await server.listen();
    return server;
  } catch {
    // 27015 is taken (a game server, or another demo): any free port will do.
    const fallback = new ReferenceServer(options);
    await fallback.listen();
    return fallback;
  }
}

/** The other protocols' demo: chat and console lines every 5 s, on any free port. */
async function startProtocolServer(protocol: OtherProtocol): Promise<ProtocolServer> {
  const server = createProtocolServer(protocol, { password: PASSWORD, broadcastIntervalMs: 5000 });
  await server.listen();
  return server;
}

async function main(): Promise<void> {
  const personality = process.argv[2] ?? 'srcds';
  const protocol = (OTHER_PROTOCOLS as readonly string[]).includes(personality)
    ? (personality as OtherProtocol)
    : undefined;
  if (!protocol && !PERSONALITIES.includes(personality as PersonalityName)) {
    const names = [...PERSONALITIES, ...OTHER_PROTOCOLS].join(', ');
    console.error(`demo: unknown personality "${personality}"; use one of ${names}.`);
    process.exit(2);
  }
  const server = protocol ? await startProtocolServer(protocol) : await startServer(personality as PersonalityName);
  const address = `127.0.0.1:${server.port}`;
  console.log(`Demo ${protocol ?? 'RCON'} server (${personality}) on ${address}, password "${PASSWORD}".`);
  const electron = electronBinary();
  const demoEnv = { RCON_DESK_DEMO: `${address}:${PASSWORD}`, RCON_DESK_DEMO_PROTOCOL: protocol ?? 'rcon' };
  const child = electron
    ? spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, ...demoEnv } })
    : spawn(process.execPath, ['out/main/cli.js', address, '--protocol', protocol ?? 'rcon'], {
        stdio: 'inherit',
        env: { ...process.env, RCON_PASSWORD: PASSWORD },
      });
  if (!electron) {
    console.log("Electron's binary is not installed here, so the demo opens the rcon shell on the server instead.");
    console.log('Try: status, cvarlist sv_, help sv_cheats, echo hi. Tab completes; !exit or Ctrl-D leaves.');
  }
  const stop = (): void => {
    child.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.on('exit', (code) => {
    void server.close().then(() => process.exit(code ?? 0));
  });
}

void main();
