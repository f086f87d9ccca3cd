import { createServer, type Server, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TelnetClient } from '../../src/main/telnet/client';
import { RconAuthError } from '../../src/main/rcon/errors';

/**
 * No 7 Days to Die server or independent telnet-console package can run here (the game is a
 * Unity binary; no npm or Debian package speaks its console). Instead this replays the transcript
 * documented by gorcon/telnet, the client behind gorcon's rcon-cli, in its telnettest package
 * (recorded from 7DTD Alpha 18.4): the prompt "Please enter password" with no colon, "Logon
 * successful." followed by blank lines and the banner, "Password incorrect, please enter
 * password:", a help answer preceded by the INF log line, and "*** ERROR: unknown command '…'".
 * Those strings are the server's, not this project's.
 */
const CRLF = '\r\n';
const PASSWORD = 'banana';
const BANNER = [
  '*** Connected with 7DTD server.',
  '*** Server version: Alpha 18.4 (b4) Compatibility Version: Alpha 18.4',
  '*** Dedicated server only build',
  '',
  'Server IP:   127.0.0.1',
  'Server port: 26900',
  'Max players: 8',
  'Game mode:   GameModeSurvival',
  'World:       Navezgane',
  'Game name:   My Game',
  'Difficulty:  2',
  '',
  "Press 'help' to get a list of all commands. Press 'exit' to end session.",
].join(CRLF);

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function transcriptServer(): Promise<number> {
  const server = createServer((socket) => {
    let loggedIn = false;
    let buffered = '';
    socket.write(`Please enter password${CRLF}`);
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split(CRLF);
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!loggedIn) {
          if (line === PASSWORD) {
            loggedIn = true;
            socket.write(`Logon successful.${CRLF}${CRLF}${CRLF}${CRLF}${BANNER}${CRLF}${CRLF}`);
          } else {
            socket.write(`Password incorrect, please enter password:${CRLF}`);
          }
        } else if (line === 'help') {
          const from = `${socket.remoteAddress}:${socket.remotePort}`;
          socket.write(`2020-11-14T23:09:20 31220.643 INF Executing command 'help' by Telnet from ${from}${CRLF}`);
          socket.write(`lorem ipsum dolor sit amet${CRLF}`);
        } else if (line === 'exit') {
          socket.end();
        } else if (line !== '') {
          socket.write(`*** ERROR: unknown command '${line}'${CRLF}`);
        }
      }
    });
    socket.on('error', () => socket.destroy());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('telnet client against the transcript documented by gorcon/telnet', () => {
  it('logs in past a colon-less prompt and the banner, and splits answers by the sentinel', async () => {
    const port = await transcriptServer();
    const client = new TelnetClient({ host: '127.0.0.1', port, password: PASSWORD });
    const messages: string[] = [];
    client.on('message', (message) => messages.push(message.text));
    await client.connect();
    expect(await Promise.all([client.execute('help'), client.execute('fly')])).toEqual([
      'lorem ipsum dolor sit amet',
      "*** ERROR: unknown command 'fly'",
    ]);
    expect(messages).toContain("Press 'help' to get a list of all commands. Press 'exit' to end session.");
    expect(messages.some((line) => line.includes("INF Executing command 'help' by Telnet"))).toBe(true);
    await client.close();
  });

  it('reads "Password incorrect" as a wrong password', async () => {
    const port = await transcriptServer();
    const client = new TelnetClient({ host: '127.0.0.1', port, password: 'cherry' });
    await expect(client.connect()).rejects.toThrow(RconAuthError);
    await expect(client.connect()).rejects.toThrow(/Wrong password/);
    await client.close();
  });
});
