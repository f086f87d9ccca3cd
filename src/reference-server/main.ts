import { ArgsError, parseServerArgs, USAGE } from './args';
import { formatEvent } from './event-log';
import { QueryResponder } from './query-responder';
import { ReferenceServer } from './server';
import { createProtocolServer } from './protocols/create';

/** `npm run demo-server -- --password demo`: a reference server on the console, logging what clients do. */
async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseServerArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    process.stderr.write(`demo-server: ${error.message} (see --help)\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = (line: string): void => {
    process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  };
  const personality = parsed.options.personality ?? 'srcds';
  const server =
    parsed.protocol === 'rcon'
      ? new ReferenceServer({ ...parsed.options, onEvent: (event) => log(formatEvent(event)) })
      : createProtocolServer(parsed.protocol, {
          host: parsed.options.host,
          port: parsed.options.port,
          password: parsed.options.password,
          broadcastIntervalMs: parsed.options.broadcastIntervalMs ?? 0,
          faults: parsed.protocolFaults,
        });
  const { host, port } = await server.listen();
  const kind = parsed.protocol === 'rcon' ? `RCON server (${personality})` : `${parsed.protocol} server`;
  process.stdout.write(
    `Reference ${kind} listening on ${host}:${port}${parsed.protocol === 'battleye' ? ' (UDP)' : ''}\n`,
  );
  const responder = parsed.query
    ? new QueryResponder({
        ...parsed.query,
        gamePort: port,
        onEvent: (event) => log(`query ${event.request} from ${event.address}: ${event.answer}`),
      })
    : undefined;
  if (responder) {
    const query = await responder.listen();
    process.stdout.write(`Source server queries (A2S) answered on UDP ${query.host}:${query.port}\n`);
  }

  const stop = (signal: NodeJS.Signals): void => {
    log(`${signal}: closing`);
    Promise.all([server.close(), responder?.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
