import type { RemoteConsole } from '../main/protocol/remote-console';
import type { ServerAddress } from './address';
import type { ConnectionSettings } from './args';
import { describeError, exitCodeFor, ExitCode } from './exit-codes';
import { OutputFlow } from './output-flow';
import { formatServerMessage, serverTextForOutput } from './server-message';
import type { ClientFactory } from './shell';

export interface ExecuteRequest {
  address: ServerAddress;
  password: string;
  commands: readonly string[];
  settings: ConnectionSettings;
  /** Write answers untouched instead of sanitized (--raw). */
  raw: boolean;
  createClient: ClientFactory;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `rcon ADDRESS -e COMMAND`: connect, run each command in turn, print each answer to stdout.
 * Stops at the first failure, whose exit code it returns. Chat and log lines the server pushes
 * meanwhile go to stderr so that stdout holds only the answers.
 */
export async function executeCommands(request: ExecuteRequest): Promise<ExitCode> {
  const { address, password, settings, stdout, stderr } = request;
  let client: RemoteConsole;
  try {
    client = request.createClient({ host: address.host, port: address.port, password, ...settings });
  } catch (error) {
    stderr.write(`rcon: ${describeError(error)}\n`);
    return exitCodeFor(error);
  }
  const flow = new OutputFlow(
    () => client.pauseReading?.(),
    () => client.resumeReading?.(),
  );
  client.on('message', (message) => flow.write(stderr, formatServerMessage(message.text, request.raw)));
  try {
    await client.connect();
    for (const command of request.commands) {
      const answer = serverTextForOutput(await client.execute(command), request.raw);
      if (answer !== '') flow.write(stdout, answer.endsWith('\n') ? answer : `${answer}\n`);
      await flow.drained();
    }
    return ExitCode.ok;
  } catch (error) {
    stderr.write(`rcon: ${describeError(error)}\n`);
    return exitCodeFor(error);
  } finally {
    await client.close();
  }
}
