import { afterEach, describe, expect, it } from 'vitest';
import { DISCONNECTED_PROMPT } from '../../src/cli/shell';
import { MINECRAFT_LIST } from '../../src/reference-server/commands';
import { addressOf, Fixtures, freePort, MemoryHistory, PASSWORD, waitUntil } from './helpers';

const fixtures = new Fixtures();
afterEach(() => fixtures.cleanup());

const UP_ARROW = '\x1b[A';

describe('shell commands against a Source server', () => {
  it('sends lines to the server and prints the answers in order', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('echo hello');
    shell.line('say hi there');
    shell.line('   ');
    shell.line('help sv_cheats');
    expect(await shell.finish()).toBe(0);
    expect(shell.stdout).toBe(
      'hello\nConsole: hi there\n"sv_cheats" = "0" ( def. "0" )\n notify replicated\n - Allow cheats on server\n',
    );
    expect(shell.stderr).toBe(`Connected to 127.0.0.1:${server.port} (Source dialect).\n`);
    expect(server.receivedCommands).toEqual(expect.arrayContaining(['echo hello', 'say hi there', 'help sv_cheats']));
    await waitUntil(() => server.connections === 0);
  });

  it('warns about a bare exit or quit and sends nothing', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('exit');
    shell.line('  QUIT now');
    shell.line('echo still here');
    expect(await shell.finish()).toBe(0);
    expect(shell.stderr).toContain('rcon: "exit" would shut the server down, so it was not sent. Type !exit');
    expect(shell.stderr).toContain('rcon: "quit" would shut the server down');
    expect(shell.stderr).toContain('!shutdown');
    expect(shell.stdout).toBe('still here\n');
    expect(server.receivedCommands.filter((command) => /exit|quit/i.test(command))).toEqual([]);
  });

  it('!shutdown sends exit only after a yes', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('!shutdown');
    shell.line('n');
    shell.line('!shutdown');
    shell.line('');
    shell.line('!shutdown');
    shell.line('yes');
    expect(await shell.finish()).toBe(0);
    expect(shell.stdout.match(/Shut down the server at 127\.0\.0\.1:\d+\? \[y\/N\] /g)).toHaveLength(3);
    expect(shell.stderr.match(/Not sent\./g)).toHaveLength(2);
    expect(shell.stdout).toContain('Server shutdown requested');
    expect(server.receivedCommands.filter((command) => command === 'exit')).toHaveLength(1);
  });

  it('!shutdown sends stop to a Minecraft server', async () => {
    const server = await fixtures.server({ personality: 'minecraft' });
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('!shutdown');
    shell.line('y');
    expect(await shell.finish()).toBe(0);
    expect(server.receivedCommands).toEqual(['stop']);
  });

  it('stops at !exit and ignores what follows', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell();
    const done = shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('echo one');
    shell.line('!exit');
    shell.line('echo two');
    expect(await done).toBe(0);
    expect(shell.stdout).toBe('one\n');
    await waitUntil(() => server.connections === 0);
  });

  it('lists its own commands with !help and rejects unknown ones', async () => {
    const shell = fixtures.shell();
    void shell.start();
    shell.line('!help');
    shell.line('!frobnicate now');
    expect(await shell.finish()).toBe(0);
    for (const name of ['!connect HOST[:PORT] [PASSWORD]', '!disconnect', '!shutdown', '!help', '!exit']) {
      expect(shell.stdout).toContain(name);
    }
    expect(shell.stderr).toContain('rcon: unknown shell command !frobnicate ...: type !help for the list');
  });

  it('reports a command that times out and keeps the connection', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell({ settings: { commandTimeoutMs: 200 } });
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('sleep 300');
    await shell.waitFor('rcon: waiting for the answer to the command timed out after 0.2 s.', 'stderr');
    // The server answers in order: let it finish the sleep, whose late answer must vanish.
    await new Promise((resolve) => setTimeout(resolve, 250));
    shell.line('echo after');
    await shell.waitFor('after\n');
    expect(await shell.finish()).toBe(0);
    expect(shell.stdout).toBe('after\n');
  });
});

describe('connecting from the shell', () => {
  it('starts with no connection and says how to make one', async () => {
    const shell = fixtures.shell();
    void shell.start();
    shell.line('status');
    expect(await shell.finish()).toBe(0);
    expect(shell.stderr).toBe('rcon: not connected: use !connect HOST[:PORT] first (!help lists the shell commands)\n');
  });

  it('!connect, commands, !disconnect, then commands are refused', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell({ showPrompts: true });
    void shell.start();
    shell.line(`!connect 127.0.0.1:${server.port} ${PASSWORD}`);
    shell.line('echo connected');
    shell.line('!disconnect');
    shell.line('echo gone');
    shell.line('!disconnect');
    expect(await shell.finish()).toBe(0);
    const address = `127.0.0.1:${server.port}`;
    expect(shell.stdout).toContain(`${DISCONNECTED_PROMPT}`);
    expect(shell.stdout).toContain(`${address}> connected\n`);
    expect(shell.stderr).toContain(`Connected to ${address} (Source dialect).`);
    expect(shell.stderr).toContain(`Disconnected from ${address}.`);
    expect(shell.stderr).toContain('rcon: not connected: use !connect');
    expect(shell.stderr).toContain('rcon: not connected\n');
    expect(server.receivedCommands).not.toContain('echo gone');
    expect(shell.stdout + shell.stderr).not.toContain(PASSWORD);
  });

  it('!connect asks for the password on the next line when it is not given', async () => {
    const server = await fixtures.server({ personality: 'minecraft' });
    const shell = fixtures.shell();
    void shell.start();
    shell.line(`!connect 127.0.0.1:${server.port}`);
    shell.line(PASSWORD);
    shell.line('list');
    expect(await shell.finish()).toBe(0);
    expect(shell.stdout).toBe(`Password for 127.0.0.1:${server.port}: \n${MINECRAFT_LIST}\n`);
    expect(shell.stderr).toContain('(Minecraft dialect)');
  });

  it('!connect replaces the current connection', async () => {
    const first = await fixtures.server();
    const second = await fixtures.server({ personality: 'minecraft' });
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(first), password: PASSWORD });
    shell.line(`!connect 127.0.0.1:${second.port} ${PASSWORD}`);
    shell.line('echo where');
    await shell.waitFor('where');
    await waitUntil(() => first.connections === 0);
    expect(shell.shell.connectedTo).toEqual({ host: '127.0.0.1', port: second.port });
    expect(second.receivedCommands).toEqual(['echo where']);
    await shell.finish();
  });

  it('stays in the shell, unconnected, after a wrong password, a bad address or a refused connection', async () => {
    const server = await fixtures.server();
    const closed = await freePort();
    const shell = fixtures.shell();
    void shell.start();
    shell.line(`!connect 127.0.0.1:${server.port} not-the-password`);
    shell.line('!connect 127.0.0.1:99999 x');
    shell.line(`!connect 127.0.0.1:${closed} x`);
    shell.line('!connect');
    shell.line('echo nobody');
    expect(await shell.finish()).toBe(0);
    expect(shell.stderr).toContain('rcon: wrong password: the server rejected the RCON password.');
    expect(shell.stderr).toContain('rcon: bad address: port 99999 is out of range');
    expect(shell.stderr).toContain(`rcon: connection refused by 127.0.0.1:${closed}`);
    expect(shell.stderr).toContain('rcon: usage: !connect HOST[:PORT] [PASSWORD]');
    expect(shell.stderr).toContain('rcon: not connected');
    expect(shell.stderr).not.toContain('not-the-password');
    expect(shell.shell.connectedTo).toBeUndefined();
  });

  it('ends the run with the exit code of a failed first connection', async () => {
    const server = await fixtures.server();
    const wrong = fixtures.shell();
    expect(await wrong.start({ address: addressOf(server), password: 'nope' })).toBe(3);
    expect(wrong.stderr).toBe('rcon: wrong password: the server rejected the RCON password.\n');

    const refused = fixtures.shell();
    expect(await refused.start({ address: { host: '127.0.0.1', port: await freePort() }, password: 'x' })).toBe(4);

    const mute = await fixtures.mute();
    const silent = fixtures.shell({ settings: { commandTimeoutMs: 200 } });
    expect(await silent.start({ address: { host: '127.0.0.1', port: mute.port }, password: 'x' })).toBe(5);
    expect(silent.stderr).toContain('rcon: waiting for the server to answer the login timed out after 0.2 s.');
  });

  it('reports a lost connection and goes back to the unconnected prompt', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell({ showPrompts: true });
    void shell.start({ address: addressOf(server), password: PASSWORD });
    await shell.waitFor(`127.0.0.1:${server.port}> `);
    await shell.connected();
    server.dropAllConnections();
    await shell.waitFor('rcon: connection lost: the server closed the connection.', 'stderr');
    await shell.waitFor(`\n${DISCONNECTED_PROMPT}`);
    shell.line('echo anyone');
    expect(await shell.finish()).toBe(0);
    expect(shell.stderr).toContain('rcon: not connected');
  });

  it('reports a connection lost during a command once', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('sleep 5000');
    await waitUntil(() => server.receivedCommands.includes('sleep 5000'));
    server.dropAllConnections();
    await shell.waitFor('rcon: ', 'stderr');
    shell.line('echo anyone');
    expect(await shell.finish()).toBe(0);
    expect(shell.stderr.match(/closed the connection/g)).toHaveLength(1);
    expect(shell.stderr).toContain('rcon: not connected');
  });
});

describe('completion', () => {
  it('learns the names from cvarlist after connecting to a Source server', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    await shell.connected();
    expect(server.receivedCommands).toContain('cvarlist');
    expect(shell.shell.complete('sv_chea')).toEqual([['sv_cheats'], 'sv_chea']);
    expect(shell.shell.complete('help mp_friend')).toEqual([['mp_friendlyfire'], 'mp_friend']);
    expect(shell.shell.complete('!disc')).toEqual([['!disconnect'], '!disc']);
    // The background cvarlist prints nothing.
    expect(shell.stdout).toBe('');
    await shell.finish();
  });

  it('completes on Tab in a terminal', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell({ terminal: true });
    void shell.start({ address: addressOf(server), password: PASSWORD });
    await shell.connected();
    shell.keys(...'sv_chea', '\t', '\r');
    await waitUntil(() => server.receivedCommands.includes('sv_cheats'));
    shell.keys(...'!exi', '\t', '\r');
    expect(await shell.finish()).toBe(0);
    expect(shell.screen).toContain(`127.0.0.1:${server.port}> sv_cheats`);
  });

  it('asks nothing of a Minecraft server, which has no cvarlist', async () => {
    const server = await fixtures.server({ personality: 'minecraft' });
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    await shell.connected();
    shell.line('list');
    await shell.finish();
    expect(server.receivedCommands).toEqual(['list']);
    expect(shell.shell.complete('!sh')).toEqual([['!shutdown'], '!sh']);
    expect(shell.shell.complete('sv_')).toEqual([[], 'sv_']);
  });

  it('forgets the names when disconnected', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    await shell.connected();
    expect(shell.shell.complete('sv_chea')[0]).toEqual(['sv_cheats']);
    shell.line('!disconnect');
    await shell.waitFor('Disconnected', 'stderr');
    expect(shell.shell.complete('sv_chea')[0]).toEqual([]);
    await shell.finish();
  });
});

describe('server messages', () => {
  it('prints unsolicited packets on their own marked lines, apart from answers', async () => {
    const server = await fixtures.server({ personality: 'broadcast' });
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    await shell.connected();
    server.broadcast('[Chat] Alex: hello\nsecond line');
    await shell.waitFor('[server] second line\n');
    shell.line('echo answer');
    await shell.finish();
    expect(shell.stdout).toContain('[server] [Chat] Alex: hello\n[server] second line\n');
    expect(shell.stdout).toContain('\nanswer\n');
  });

  it('puts the prompt and the half-typed line back after a message in a terminal', async () => {
    const server = await fixtures.server({ personality: 'broadcast' });
    const shell = fixtures.shell({ terminal: true });
    void shell.start({ address: addressOf(server), password: PASSWORD });
    await shell.connected();
    const prompt = `127.0.0.1:${server.port}> `;
    await shell.waitFor(prompt);
    shell.keys(...'echo hal');
    await shell.waitFor('echo hal');
    server.broadcast('[Chat] Steve: gg');
    await shell.waitFor('[server] [Chat] Steve: gg\n');
    await waitUntil(() => shell.screen.endsWith(`${prompt}echo hal`));
    shell.keys(...'f', '\r');
    await shell.waitFor('half\n');
    expect(await shell.finish()).toBe(0);
    // The message line was cleared first, so it does not trail the half-typed command.
    expect(shell.stdout).toContain('\x1b[2K[server] [Chat] Steve: gg\n');
  });

  it('prints the chat a server streams on a timer', async () => {
    const server = await fixtures.server({ personality: 'broadcast', broadcastIntervalMs: 30 });
    const shell = fixtures.shell();
    void shell.start({ address: addressOf(server), password: PASSWORD });
    await shell.waitFor('[server] [Chat] Alex: hello\n');
    await shell.finish();
  });
});

describe('terminal line editing', () => {
  it('reads the password without echo and keeps it out of history', async () => {
    const server = await fixtures.server();
    const history = new MemoryHistory(['status']);
    const shell = fixtures.shell({ terminal: true, history });
    void shell.start();
    await shell.waitFor(DISCONNECTED_PROMPT);
    shell.line(`!connect 127.0.0.1:${server.port}`);
    await shell.waitFor('Password for');
    shell.keys(...PASSWORD, '\r');
    await shell.waitFor('Connected to', 'stderr');
    shell.line(`!connect 127.0.0.1:${server.port} ${PASSWORD}`);
    await waitUntil(() => server.connections === 1 && shell.stderr.split('Connected to').length === 3);
    shell.line('echo done');
    await shell.waitFor('done\n');
    expect(await shell.finish()).toBe(0);
    // Once, where it was typed on the !connect line; the hidden answer did not echo.
    expect(shell.stdout.split(PASSWORD)).toHaveLength(2);
    expect(history.saved).toEqual(['echo done', `!connect 127.0.0.1:${server.port}`, 'status']);
  });

  it('keeps commands that carry a secret out of history and masks them on the screen (issue 10)', async () => {
    const server = await fixtures.server();
    const history = new MemoryHistory();
    const shell = fixtures.shell({ terminal: true, history });
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('echo before');
    for (const command of ['echo x;rcon_password S1', 'sm_cvar rcon_password S2', 'sm_rcon sv_password S4']) {
      shell.line(command);
    }
    await shell.waitFor('Unknown command "sm_rcon"');
    // The newest entry the up arrow finds is the last line without a secret.
    shell.keys(UP_ARROW, '\r');
    await waitUntil(() => server.receivedCommands.length === 6);
    expect(await shell.finish()).toBe(0);
    expect(server.receivedCommands.at(-1)).toBe('echo before');
    expect(history.saved).toEqual(['echo before']);
    expect(shell.screen).toContain('echo x;rcon_password ********\n');
    expect(shell.screen).toContain('sm_rcon sv_password ********\n');
  });

  it('recalls earlier lines with the up arrow, including loaded history', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell({ terminal: true, history: new MemoryHistory(['echo from-last-time']) });
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.keys(UP_ARROW, '\r');
    await shell.waitFor('from-last-time\n');
    expect(await shell.finish()).toBe(0);
  });

  it('keeps confirmation answers out of history', async () => {
    const server = await fixtures.server();
    const history = new MemoryHistory();
    const shell = fixtures.shell({ terminal: true, history });
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('!shutdown');
    await shell.waitFor('[y/N] ');
    shell.line('no');
    await shell.waitFor('Not sent.', 'stderr');
    expect(await shell.finish()).toBe(0);
    expect(history.saved).toEqual(['!shutdown']);
  });

  it('Ctrl-C answers no to the shutdown question and leaves a clean line', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell({ terminal: true });
    void shell.start({ address: addressOf(server), password: PASSWORD });
    shell.line('!shutdown');
    await shell.waitFor('[y/N] ');
    shell.keys('y', '\x03');
    await shell.waitFor('Not sent.', 'stderr');
    shell.line('echo fine');
    await shell.waitFor('fine\n');
    expect(await shell.finish()).toBe(0);
    expect(server.receivedCommands).not.toContain('exit');
    expect(server.receivedCommands).toContain('echo fine');
  });

  it('Ctrl-C clears the line, cancels a question, and Ctrl-D leaves', async () => {
    const server = await fixtures.server();
    const shell = fixtures.shell({ terminal: true });
    const done = shell.start();
    shell.keys(...'echo never', '\x03');
    await shell.waitFor('^C\n');
    shell.keys('\x03');
    await shell.waitFor('(to leave, type !exit or press Ctrl-D)', 'stderr');
    shell.line(`!connect 127.0.0.1:${server.port}`);
    await shell.waitFor('Password for');
    shell.keys('\x03');
    await shell.waitFor('Not connected.', 'stderr');
    shell.keys('\x04');
    expect(await done).toBe(0);
    expect(server.authAttempts).toBe(0);
    expect(shell.screen).not.toContain('echo never\n');
  });
});
