import { describe, expect, it } from 'vitest';
import {
  MIN_BATCH_CHARS,
  OutputBatcher,
  URGENT_BATCH_FACTOR,
  URGENT_WRITE_BUDGET_MS,
  WRITE_BUDGET_MS,
} from './output-batcher';

/** A fake frame clock and a fake terminal whose write callbacks the test fires by hand. */
function setup(maxBatch = 10, keepLines?: number, keepChars?: number) {
  const frames: (() => void)[] = [];
  const writes: { chunk: string; done: () => void }[] = [];
  const batcher = new OutputBatcher(
    (chunk, done) => writes.push({ chunk, done }),
    (callback) => frames.push(callback),
    maxBatch,
    keepLines,
    keepChars,
  );
  const runFrame = () => frames.shift()?.();
  const finishWrite = () => writes[writes.length - 1]!.done();
  return { batcher, frames, writes, runFrame, finishWrite };
}

describe('OutputBatcher', () => {
  it('writes nothing until the next frame, then one merged batch', () => {
    const { batcher, frames, writes, runFrame } = setup(100);
    batcher.push('abc');
    batcher.push('def');
    expect(writes).toHaveLength(0);
    expect(frames).toHaveLength(1);
    runFrame();
    expect(writes.map((w) => w.chunk)).toEqual(['abcdef']);
    expect(batcher.idle).toBe(false);
  });

  it('bounds each batch and waits for the write callback before the next frame', () => {
    const { batcher, frames, writes, runFrame, finishWrite } = setup(10);
    batcher.push('x'.repeat(25));
    runFrame();
    expect(writes.map((w) => w.chunk.length)).toEqual([10]);
    expect(frames).toHaveLength(0); // backpressure: nothing scheduled while xterm is busy
    finishWrite();
    expect(frames).toHaveLength(1);
    runFrame();
    finishWrite();
    runFrame();
    expect(writes.map((w) => w.chunk.length)).toEqual([10, 10, 5]);
    expect(batcher.pendingChars).toBe(0);
    finishWrite();
    expect(batcher.idle).toBe(true);
  });

  it('handles megabytes in bounded steps, keeping the text intact', () => {
    const { batcher, writes, runFrame, finishWrite } = setup(64 * 1024);
    const big = 'line of output\r\n'.repeat(300_000); // about 4.8 MB
    batcher.push(big);
    let frames = 0;
    while (!batcher.idle) {
      runFrame();
      frames += 1;
      finishWrite();
    }
    expect(writes.every((w) => w.chunk.length <= 64 * 1024)).toBe(true);
    expect(frames).toBe(Math.ceil(big.length / (64 * 1024)));
    expect(writes.map((w) => w.chunk).join('')).toBe(big);
  });

  it('never splits a surrogate pair', () => {
    const { batcher, writes, runFrame, finishWrite } = setup(4);
    batcher.push('abc😀def');
    while (!batcher.idle) {
      runFrame();
      finishWrite();
    }
    expect(writes.map((w) => w.chunk)).toEqual(['abc', '😀de', 'f']);
  });

  it('clear drops what is not written yet; whenIdle resolves once all is written', async () => {
    const { batcher, writes, runFrame, finishWrite } = setup(5);
    batcher.push('0123456789');
    runFrame();
    let idle = false;
    const waiting = batcher.whenIdle().then(() => (idle = true));
    batcher.clear();
    expect(batcher.pendingChars).toBe(0);
    await Promise.resolve();
    expect(idle).toBe(false); // the first batch is still being written
    finishWrite();
    await waiting;
    expect(writes.map((w) => w.chunk)).toEqual(['01234']);
  });

  it('ignores a write callback called twice, and pushes after dispose', () => {
    const { batcher, writes, frames, runFrame } = setup(5);
    batcher.push('abcdefgh');
    runFrame();
    writes[0]!.done();
    writes[0]!.done();
    expect(frames).toHaveLength(1);
    batcher.dispose();
    batcher.push('more');
    runFrame();
    expect(writes).toHaveLength(1);
  });

  it('rejects a silly batch size', () => {
    expect(
      () =>
        new OutputBatcher(
          () => undefined,
          () => undefined,
          1,
        ),
    ).toThrow(RangeError);
  });

  it('cuts a backlog longer than the terminal keeps to its last lines, so new output shows at once', () => {
    const { batcher, writes, runFrame, finishWrite } = setup(1_000_000, 3);
    batcher.push('line 1\n');
    runFrame(); // 'line 1' is being written: it is no longer part of the backlog
    batcher.push('\x1b[33mline 2\nline 3\n');
    batcher.push('line 4\nline 5\nline 6\nline 7\nline 8\n');
    expect(writes.map((w) => w.chunk)).toEqual(['line 1\n']);
    finishWrite();
    runFrame();
    // 7 lines waited, over twice the 3 kept: the last 3 stay, a reset replaces the dropped colour start.
    expect(writes.map((w) => w.chunk)).toEqual(['line 1\n', '\x1b[0mline 6\nline 7\nline 8\n']);
    expect(batcher.pendingChars).toBe(0);
  });

  it('keeps every line while the backlog is within twice the limit', () => {
    const { batcher, writes, runFrame } = setup(1_000_000, 3);
    batcher.push('a\nb\nc\nd\ne\nf\n');
    runFrame();
    expect(writes.map((w) => w.chunk)).toEqual(['a\nb\nc\nd\ne\nf\n']);
  });

  it('bounds the backlog in size too, cutting at a line start and saying how much was left out (issue 10)', () => {
    const { batcher, writes, runFrame, finishWrite } = setup(1_000_000, undefined, 1000);
    // Forty 1,000-character lines without the terminal drawing any: only the newest ~1000 stay.
    for (let i = 0; i < 40; i += 1) batcher.push(`${String(i).padStart(3, '0')}${'x'.repeat(996)}\r\n`);
    expect(batcher.pendingChars).toBeLessThanOrEqual(2 * 1000 + 200);
    runFrame();
    finishWrite();
    const written = writes.map((w) => w.chunk).join('');
    expect(written).toMatch(/\[… \d+ Ki characters of older output not shown/);
    expect(written).toContain('039xxx');
    expect(written).not.toContain('000xxx');
    // Every kept line is whole.
    for (const line of written.split('\r\n').slice(1, -1)) expect(line).toMatch(/^\d{3}x{996}$/);
  });

  it('writes urgent text (a typed command and its answer) before the backlog queued ahead of it (issue 15)', () => {
    const { batcher, writes, runFrame, finishWrite } = setup(12);
    batcher.push('chat 1\nchat 2\nchat 3\nchat 4\n');
    runFrame();
    batcher.push('> kick x\n', true);
    batcher.push('Kicked x\n', true);
    finishWrite();
    runFrame();
    finishWrite();
    while (!batcher.idle) {
      runFrame();
      finishWrite();
    }
    // Backlog batches end at a line end, so the answer starts on a line of its own.
    expect(writes.map((w) => w.chunk)).toEqual([
      'chat 1\n',
      '> kick x\n',
      'Kicked x\n',
      'chat 2\n',
      'chat 3\n',
      'chat 4\n',
    ]);
  });

  it('keeps each lane in order and bounds the urgent lane like the backlog', () => {
    const { batcher, writes, runFrame, finishWrite } = setup(1_000_000, 2);
    batcher.push('s1\ns2\n');
    for (let i = 1; i <= 5; i += 1) batcher.push(`a${i}\n`, true);
    runFrame();
    finishWrite();
    runFrame();
    finishWrite();
    expect(writes.map((w) => w.chunk)).toEqual(['\x1b[0ma4\na5\n', 's1\ns2\n']);
    expect(batcher.idle).toBe(true);
  });

  it('writes no backlog while held, and resumes when released', () => {
    const { batcher, writes, frames, runFrame, finishWrite } = setup(100);
    batcher.holdBacklog(true);
    batcher.push('chat\n');
    expect(frames).toHaveLength(0);
    batcher.push('answer part 1\n', true);
    runFrame();
    finishWrite();
    expect(frames).toHaveLength(0); // only backlog left, and it is held
    expect(batcher.idle).toBe(false);
    batcher.push('answer part 2\n', true);
    runFrame();
    finishWrite();
    batcher.holdBacklog(false);
    runFrame();
    finishWrite();
    expect(writes.map((w) => w.chunk)).toEqual(['answer part 1\n', 'answer part 2\n', 'chat\n']);
    expect(batcher.idle).toBe(true);
  });

  it('sizes batches to the time the terminal took on the batches before, within its bounds', () => {
    const max = 64 * 1024;
    const { batcher, writes, runFrame, finishWrite } = setup(max);
    expect(batcher.batchChars).toBe(max);
    // 64 Ki took 32 ms: four times the budget, so the next batches are a quarter.
    batcher.observe(max, 4 * WRITE_BUDGET_MS);
    expect(batcher.batchChars).toBe(max / 4);
    batcher.push('y'.repeat(max));
    runFrame();
    expect(writes[0]!.chunk.length).toBe(max / 4);
    finishWrite();
    // Urgent text (the admin's answers) goes at the full size all the same.
    batcher.push('u'.repeat(max), true);
    runFrame();
    expect(writes[1]!.chunk).toBe('u'.repeat(max));
    finishWrite();
    // Never below the minimum, however slow; back up to the maximum when the terminal is quick.
    for (let i = 0; i < 8; i += 1) batcher.observe(1000, 10_000);
    expect(batcher.batchChars).toBe(MIN_BATCH_CHARS);
    batcher.observe(max, 1);
    expect(batcher.batchChars).toBe(max);
    // One slow batch among quick ones (the machine was busy with something else) changes nothing.
    batcher.observe(max, 1000);
    expect(batcher.batchChars).toBe(max);
  });

  it('gives urgent text a bigger share of a frame, within URGENT_BATCH_FACTOR times the maximum', () => {
    const max = 64 * 1024;
    const { batcher, writes, runFrame, finishWrite } = setup(max);
    expect(batcher.urgentBatchChars).toBe(max);
    // 64 Ki took a quarter of the urgent budget: four times that fits, the most it may take.
    batcher.observe(max, URGENT_WRITE_BUDGET_MS / 4);
    expect(batcher.urgentBatchChars).toBe(URGENT_BATCH_FACTOR * max);
    batcher.push('u\n'.repeat(3 * max), true);
    runFrame();
    expect(writes[0]!.chunk.length).toBe(URGENT_BATCH_FACTOR * max);
    finishWrite();
    // Twice the budget: half a batch fits, but urgent text never goes in less than the maximum.
    for (let i = 0; i < 8; i += 1) batcher.observe(max, 2 * URGENT_WRITE_BUDGET_MS);
    expect(batcher.urgentBatchChars).toBe(max);
    expect(batcher.batchChars).toBe(MIN_BATCH_CHARS);
  });
});
