import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MutableOutput, readHiddenLine } from '../../src/cli/password-prompt';

/** A PassThrough that readline takes for a terminal, so it switches to raw mode and echoes keystrokes. */
function fakeTerminalInput(): PassThrough & { isTTY: boolean; setRawMode: (mode: boolean) => void; rawMode: boolean } {
  const stream = new PassThrough() as PassThrough & {
    isTTY: boolean;
    setRawMode: (mode: boolean) => void;
    rawMode: boolean;
  };
  stream.isTTY = true;
  stream.rawMode = false;
  stream.setRawMode = (mode) => {
    stream.rawMode = mode;
  };
  return stream;
}

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

describe('readHiddenLine', () => {
  it('reads a line typed on a terminal without echoing it', async () => {
    const input = fakeTerminalInput();
    const output = new PassThrough();
    const written = collect(output);
    const answer = readHiddenLine({ input, output, prompt: 'Password: ' });
    expect(input.rawMode).toBe(true);
    for (const key of 'hunter2') input.write(key);
    input.write('\r');
    await expect(answer).resolves.toBe('hunter2');
    expect(written()).toBe('Password: \n');
    expect(input.rawMode).toBe(false);
  });

  it('resolves undefined on Ctrl-C', async () => {
    const input = fakeTerminalInput();
    const output = new PassThrough();
    const answer = readHiddenLine({ input, output, prompt: 'Password: ' });
    input.write('abc');
    input.write('\x03');
    await expect(answer).resolves.toBeUndefined();
  });

  it('resolves undefined at the end of the input', async () => {
    const input = new PassThrough();
    const answer = readHiddenLine({ input, output: new PassThrough(), prompt: 'Password: ' });
    input.end();
    await expect(answer).resolves.toBeUndefined();
  });
});

describe('MutableOutput', () => {
  it('forwards writes unless muted, and reports the target size', () => {
    const target = Object.assign(new PassThrough(), { columns: 77, rows: 20, isTTY: true });
    const written = collect(target);
    const output = new MutableOutput(target);
    output.write('a');
    output.mute();
    output.write('secret');
    output.unmute();
    output.write('b');
    expect(written()).toBe('ab');
    expect([output.columns, output.rows, output.isTTY]).toEqual([77, 20, true]);
  });

  it('passes resize events on until detached', () => {
    const target = new PassThrough();
    const output = new MutableOutput(target);
    let resizes = 0;
    output.on('resize', () => (resizes += 1));
    target.emit('resize');
    output.detach();
    target.emit('resize');
    expect(resizes).toBe(1);
    expect(target.listenerCount('resize')).toBe(0);
  });
});
