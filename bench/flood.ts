import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SessionEvent } from '../src/shared/api';
import type { ReferenceServer } from '../src/reference-server/server';
import { DEFAULT_TIMEOUT_MS, Harness, poll } from '../tests/e2e/harness';
import { idleAtScript, INSTALL_PROBE, liveHeapMiB, STOP_PROBE, watchScript, type PageProbeFigures } from './flood-page';

/**
 * The console flood: 20 MiB of output into one console tab of the real renderer in Chromium,
 * through the real bridge and services (tests/e2e/harness.ts), from a reference server on
 * loopback. Two shapes:
 *
 * - `answer`: one command (`bytes 20971520`) whose answer is 20 MiB (5,120 packets, output events in
 *   parts of 64 Ki while it arrives);
 * - `stream`: 20 MiB of unsolicited packets pushed by the server (`broadcast`), 4 KiB each (64 lines
 *   of 64 bytes), as fast as loopback takes them: 5,120 output events.
 *
 * During each flood a command (`echo flood-probe-…`) is typed in the command line; the run records
 * when it reached the server and when its answer was on screen. Figures: time until the last line
 * is in the terminal, the longest gap between animation frames and the longest task (PerformanceObserver
 * 'longtask') in the page, and the probe command's timings.
 *
 * bench/flood-suite.ts runs these floods, in the tab shown and in a background tab, with the paced
 * flood (bench/flood-paced.ts); tests/e2e/flood.test.ts runs the same scenario and asserts what was
 * rendered. Directly:
 *
 *     bash scripts/with-keyring.sh npx tsx bench/flood-suite.ts
 *
 * (without the keyring wrapper it runs too, with the harness's "no keychain" mode).
 */

export const FLOOD_BYTES = 20 * 1024 * 1024;
const LINE_BYTES = 64;
export const FLOOD_LINES = FLOOD_BYTES / LINE_BYTES;
/** Lines per unsolicited packet: 64 × 64 bytes = 4 KiB, a Source server's packet size. */
const STREAM_PACKET_LINES = 64;
const STREAM_PACKETS = FLOOD_LINES / STREAM_PACKET_LINES;
/** The stream yields to the event loop after this many packets (64 KiB), so the page and the probe keep moving. */
const STREAM_YIELD_EVERY = 16;
/** The probe command is typed once this share of the stream is out. */
const STREAM_PROBE_AT = 0.1;
/** The last quarter of the stream waits for the probe to reach the server, so it is sent during the flood. */
const STREAM_HOLD_AT = 0.75;
/** A sanity limit for the whole flood, not a performance threshold. */
export const FLOOD_LIMIT_MS = 120_000;
export const FLOOD_PASSWORD = 'flood-pw';

export type FloodKind = 'answer' | 'stream';

/** Text of flood line `n` of a kind (without the newline): 64 bytes per line with the newline. */
export function floodLine(kind: FloodKind, n: number): string {
  const filler = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  // The answer is the reference server's `bytes` command: "00000000 ABC…" (src/reference-server/commands.ts).
  const label = kind === 'answer' ? String(n).padStart(8, '0') : `S${String(n).padStart(8, '0')}`;
  return `${label} ${filler.slice(0, LINE_BYTES - label.length - 2)}`;
}

/** How the line appears in the terminal: unsolicited output is prefixed with `[server] `. */
export function renderedFloodLine(kind: FloodKind, n: number): string {
  return kind === 'answer' ? floodLine(kind, n) : `[server] ${floodLine(kind, n)}`;
}

function streamPacket(index: number): string {
  const lines: string[] = [];
  for (let i = 0; i < STREAM_PACKET_LINES; i += 1) lines.push(floodLine('stream', index * STREAM_PACKET_LINES + i));
  return `${lines.join('\n')}\n`;
}

export interface FloodConsole {
  h: Harness;
  server: ReferenceServer;
  /** Date.now() when the server received each command (the latest time, for a repeated command). */
  arrivals: Map<string, number>;
  profileName: string;
  sessionId: string;
}

export interface ProbeFigures {
  command: string;
  /** The answer, at the start of a line in the terminal. */
  marker: string;
  /** Filling the command line and pressing Enter (Playwright waits for the page to take the input). */
  typingMs: number;
  /** From starting to type until the server received the command. */
  toServerMs: number;
  /** From starting to type until the main process had the answer. */
  answeredMs: number;
  /** From starting to type until the answer was in the terminal. */
  shownMs: number;
  /** From the main process having the answer (the server's reply) until it was in the terminal. */
  replyToScreenMs: number;
  /** The page's watcher saw the answer in the terminal (else shownMs is when everything was written). */
  seenByWatcher: boolean;
  /**
   * Typed during the flood. Answer: typed before the main process had the whole answer (the server
   * answers it after the flood, in order). Stream: its answer came between two packets of the stream.
   */
  duringFlood: boolean;
  /** The page received the answer from the bridge. */
  deliveredToPage: boolean;
  /** From the main process having the answer until the page received it (the bridge's share of replyToScreenMs). */
  replyToPageMs: number | undefined;
  /** Stream only: lines of the stream the server pushed after the answer. */
  linesAfterAnswer: number | undefined;
}

export interface FloodFigures {
  kind: FloodKind;
  bytes: number;
  /** From Enter on the flood command (answer) or the first packet (stream) to the last line in the terminal. */
  renderMs: number;
  /** Answer: until the main process had the whole answer. Stream: until the server had sent the last packet. */
  mainMs: number;
  frames: number;
  longestFrameGapMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** The longest the renderer spent handling one pushed event (store, terminal, formatting), synchronously. */
  longestEventMs: number;
  probe: ProbeFigures;
  /** Stream only: how long the last quarter waited for the probe to reach the server (0 when it was already there). */
  streamHeldMs: number;
  /** Where the flood went: the tab in front, or a background tab (the probe typed in the tab in front). */
  tab: 'front' | 'background';
  /** The page's JS heap after the flood, when Chromium reports it (garbage not yet collected included). */
  heapMiB: number | undefined;
  /** The same after a forced garbage collection: what the page really holds. */
  liveHeapMiB: number | undefined;
  /** The terminal's text at the end (scrollback and screen). */
  finalText: string;
}

/** Starts the harness on the real keychain when there is one, else in its "no keychain" mode. */
export async function startFloodHarness(): Promise<Harness> {
  try {
    return await Harness.start();
  } catch (error) {
    if (!/keychain is unreachable/.test(String(error))) throw error;
    return Harness.start({ keychain: 'unavailable' });
  }
}

/**
 * A reference server and a profile for it (no saved password), then a console tab opened through
 * the UI, answering the password prompt: works with or without a keychain. Call `h.openApp()` first.
 */
export async function openFloodConsole(h: Harness, profileName = 'Flood target'): Promise<FloodConsole> {
  const arrivals = new Map<string, number>();
  const server = await h.startServer({
    password: FLOOD_PASSWORD,
    personality: 'srcds',
    onEvent: (event) => {
      if (event.kind === 'command') arrivals.set(event.command, Date.now());
    },
  });
  await h.addProfile({ name: profileName, port: server.port, dialect: 'source' });
  await h.reload(); // the list shows profiles saved behind the window's back after a reload
  return openTab(h, { server, arrivals, profileName });
}

/** One more console tab for the profile (a fresh terminal for the next flood). */
export async function openTab(
  h: Harness,
  { server, arrivals, profileName }: Pick<FloodConsole, 'server' | 'arrivals' | 'profileName'>,
): Promise<FloodConsole> {
  const profileId = (await h.profiles.list()).find((profile) => profile.name === profileName)?.id;
  if (profileId === undefined) throw new Error(`No saved server is called ${profileName}.`);
  const before = new Set((await h.tabs()).map((tab) => tab.sessionId));
  // Only a tab of this server counts: after a reload the window restores the tabs it had, meanwhile.
  const isNew = (tab: { sessionId: string; profileId: string }): boolean =>
    tab.profileId === profileId && !before.has(tab.sessionId);
  const row = h.page.locator('[data-testid=profile-row]', { hasText: profileName });
  await row.locator('.profile-name').dblclick();
  // The first tab asks for the password; later ones use the one typed then, which the app keeps in memory.
  const prompt = h.page.getByRole('dialog');
  const next = await poll(async () => {
    if ((await prompt.count()) > 0) return 'prompt';
    return (await h.tabs()).some(isNew) ? 'tab' : undefined;
  }, 'the password prompt or a new tab');
  if (next === 'prompt') {
    await prompt.getByLabel('Password').fill(FLOOD_PASSWORD);
    await h.page.getByTestId('password-submit').click();
  }
  const tab = await h.waitForTab((t) => isNew(t) && t.status === 'connected', 'the flood tab');
  await h.page
    .locator(`[data-testid=tab][data-session-id="${tab.sessionId}"][data-status=connected]`)
    .waitFor({ timeout: DEFAULT_TIMEOUT_MS });
  return { h, server, arrivals, profileName, sessionId: tab.sessionId };
}

/** Closes a console tab with its close button, and waits for the session to end in the main process. */
export async function closeTab(target: FloodConsole): Promise<void> {
  const { h, sessionId } = target;
  await h.page.locator(`[data-testid=tab][data-session-id="${sessionId}"] button[aria-label^="Close"]`).click();
  await poll(() => !h.sessions.list().some((s) => s.sessionId === sessionId), 'the flood session to close');
}

/** Resolves with Date.now() at the first session event that matches. */
export function eventTime(
  h: Harness,
  match: (event: SessionEvent) => boolean,
): { at: Promise<number>; cancel(): void } {
  let listener: ((event: SessionEvent) => void) | undefined;
  const at = new Promise<number>((resolve) => {
    listener = (event) => {
      if (!match(event)) return;
      h.sessions.off('event', listener!);
      resolve(Date.now());
    };
    h.sessions.on('event', listener);
  });
  return { at, cancel: () => h.sessions.off('event', listener!) };
}

export function withLimit<T>(promise: Promise<T>, what: string, ms = FLOOD_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

let probeCount = 0;

/**
 * Types the probe command in the console's command line and follows it: to the server, its answer
 * in the main process, and (with the page's watcher) on screen.
 */
function newProbe(): { marker: string; command: string } {
  probeCount += 1;
  const marker = `flood-probe-${process.pid}-${probeCount}`;
  return { marker, command: `echo ${marker}` };
}

async function typeProbe(
  target: FloodConsole,
  { marker, command }: { marker: string; command: string },
): Promise<
  Omit<
    ProbeFigures,
    | 'shownMs'
    | 'replyToScreenMs'
    | 'seenByWatcher'
    | 'duringFlood'
    | 'deliveredToPage'
    | 'replyToPageMs'
    | 'linesAfterAnswer'
  > & {
    typedAt: number;
    answeredAt: number;
  }
> {
  const { h, arrivals, sessionId } = target;
  const answered = eventTime(
    h,
    (event) =>
      event.type === 'output' && event.sessionId === sessionId && event.kind === 'response' && event.text === marker,
  );
  const typedAt = Date.now();
  await h.runCommand(command);
  const typingMs = Date.now() - typedAt;
  const reachedAt = await poll(() => arrivals.get(command), `the server to receive "${command}"`, FLOOD_LIMIT_MS, 2);
  const answeredAt = await withLimit(answered.at, `the answer to "${command}"`);
  return {
    command,
    marker,
    typingMs,
    toServerMs: reachedAt - typedAt,
    answeredMs: answeredAt - typedAt,
    typedAt,
    answeredAt,
  };
}

/** Everything delivered to the page, then the time (in the page) when the terminal had written it all. */
export async function renderedAt(target: FloodConsole): Promise<number> {
  await withLimit(target.h.pushesDelivered(), 'the events to reach the page');
  return withLimit(target.h.page.evaluate(idleAtScript(target.sessionId)) as Promise<number>, 'the terminal to finish');
}

/**
 * Runs one flood into the console tab and measures it; the tab should be fresh (see openTab).
 * With `front`, the flood goes to `target` in the background (its command sent by the main
 * process) while the probe is typed in `front`, the tab shown, on another server.
 */
export async function runFlood(target: FloodConsole, kind: FloodKind, front?: FloodConsole): Promise<FloodFigures> {
  const { h, server, sessionId } = target;
  const probeTab = front ?? target;
  await h.page.evaluate(INSTALL_PROBE);
  let startedAt: number;
  let mainDoneAt: number;
  let streamHeldMs = 0;
  let probe: Awaited<ReturnType<typeof typeProbe>>;
  let duringFlood: boolean;
  let linesAfterAnswer: number | undefined;

  if (kind === 'answer') {
    // The answer comes whole, or streamed in parts while it arrives (SessionEvent `stream`): its last part then.
    const whole = eventTime(
      h,
      (event) =>
        event.type === 'output' &&
        event.sessionId === sessionId &&
        event.kind === 'response' &&
        (event.stream === undefined ? event.text.length === FLOOD_BYTES : event.more !== true),
    );
    const probeCommand = newProbe();
    await h.page.evaluate(watchScript(probeTab.sessionId, probeCommand.marker));
    startedAt = Date.now();
    if (front) void h.sessions.send(sessionId, `bytes ${FLOOD_BYTES}`).catch(() => undefined);
    else await h.runCommand(`bytes ${FLOOD_BYTES}`);
    // Type at once, while the 20 MiB answer is still arriving; the server answers the probe after it.
    const probeRun = typeProbe(probeTab, probeCommand);
    mainDoneAt = await withLimit(whole.at, 'the 20 MiB answer in the main process');
    probe = await probeRun;
    duringFlood = probe.typedAt < mainDoneAt;
  } else {
    let lastPacketEmittedAt = 0;
    const lastLine = floodLine('stream', FLOOD_LINES - 1);
    const lastPacket = eventTime(
      h,
      (event) =>
        event.type === 'output' &&
        event.sessionId === sessionId &&
        event.kind === 'server' &&
        event.text.includes(lastLine),
    );
    void lastPacket.at.then((at) => (lastPacketEmittedAt = at));
    const probeCommand = newProbe();
    // Stream packets that reached the main process before the probe's answer did.
    let packetsBeforeAnswer: number | undefined;
    let packetsSeen = 0;
    const countPackets = (event: SessionEvent): void => {
      if (event.type !== 'output' || event.sessionId !== sessionId) return;
      if (event.kind === 'server') packetsSeen += 1;
    };
    const countAnswer = (event: SessionEvent): void => {
      if (event.type !== 'output' || event.sessionId !== probeTab.sessionId) return;
      if (event.kind === 'response' && event.text === probeCommand.marker) packetsBeforeAnswer ??= packetsSeen;
    };
    h.sessions.on('event', countPackets);
    h.sessions.on('event', countAnswer);
    // The page watches for the probe's answer, which may scroll out before the stream ends.
    await h.page.evaluate(watchScript(probeTab.sessionId, probeCommand.marker));
    startedAt = Date.now();
    let probeRun: ReturnType<typeof typeProbe> | undefined;
    let reached = false;
    for (let index = 0; index < STREAM_PACKETS; index += 1) {
      if (server.broadcast(streamPacket(index)) !== 1) throw new Error('The flood console is not logged in.');
      if ((index + 1) % STREAM_YIELD_EVERY !== 0) continue;
      await nextTurn();
      if (!probeRun && index >= STREAM_PACKETS * STREAM_PROBE_AT) {
        probeRun = typeProbe(probeTab, probeCommand);
        void probeRun.then(
          () => (reached = true),
          () => (reached = true),
        );
      }
      if (probeRun && !reached && index >= STREAM_PACKETS * STREAM_HOLD_AT) {
        const held = Date.now();
        await poll(
          () => probeTab.arrivals.has(probeCommand.command) || reached,
          'the probe command during the stream',
          FLOOD_LIMIT_MS,
          2,
        );
        // Let its answer go out before the rest of the stream, as a server would between two chat lines.
        await nextTurn();
        streamHeldMs = Date.now() - held;
        reached = true;
      }
    }
    mainDoneAt = Date.now();
    probe = await withLimit(probeRun!, 'the probe command');
    await withLimit(lastPacket.at, 'the last stream packet in the main process');
    duringFlood = probe.answeredAt <= lastPacketEmittedAt;
    h.sessions.off('event', countPackets);
    h.sessions.off('event', countAnswer);
    linesAfterAnswer =
      packetsBeforeAnswer === undefined ? undefined : (STREAM_PACKETS - packetsBeforeAnswer) * STREAM_PACKET_LINES;
  }

  const doneAt = await renderedAt(target);
  // The watcher notes its time at the frame after the write: let that frame come before reading it.
  await h.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))');
  const stopped = (await h.page.evaluate(STOP_PROBE)) as PageProbeFigures;
  const finalText = await h.terminalText(sessionId);
  const liveHeap = await liveHeapMiB(h);
  // The probe's answer is the last thing written after a one-answer flood; in a stream the page's watcher saw it.
  const shownAt = Math.min(stopped.foundAt ?? doneAt, doneAt);
  const { typedAt, answeredAt, ...probeFigures } = probe;
  return {
    kind,
    bytes: FLOOD_BYTES,
    renderMs: doneAt - startedAt,
    mainMs: mainDoneAt - startedAt,
    frames: stopped.frames,
    longestFrameGapMs: Math.round(stopped.maxGap),
    longTasks: stopped.longTasks,
    longestTaskMs: Math.round(stopped.longestTask),
    longestEventMs: Math.round(stopped.longestEvent),
    probe: {
      ...probeFigures,
      shownMs: shownAt - typedAt,
      replyToScreenMs: Math.max(0, shownAt - answeredAt),
      seenByWatcher: stopped.foundAt !== undefined,
      duringFlood,
      deliveredToPage: stopped.deliveredAt !== undefined,
      replyToPageMs: stopped.deliveredAt === undefined ? undefined : Math.max(0, stopped.deliveredAt - answeredAt),
      linesAfterAnswer,
    },
    streamHeldMs,
    tab: front ? 'background' : 'front',
    heapMiB: stopped.heap === undefined ? undefined : Math.round(stopped.heap / (1024 * 1024)),
    liveHeapMiB: liveHeap,
    finalText,
  };
}

/** One line of figures, for logs. */
export function describeFlood(f: FloodFigures): string {
  const what = f.kind === 'answer' ? '20 MiB answer' : '20 MiB unsolicited stream';
  const main = f.kind === 'answer' ? `answer complete in main after ${f.mainMs} ms` : `sent in ${f.mainMs} ms`;
  return (
    `${what}: last line on screen after ${f.renderMs} ms (${main}); ${f.frames} frames, longest frame gap ` +
    `${f.longestFrameGapMs} ms, ${f.longTasks} long tasks, longest ${f.longestTaskMs} ms, longest handling of one ` +
    `event in the renderer ${f.longestEventMs} ms; probe "${f.probe.command}": ` +
    `typed in ${f.probe.typingMs} ms, at the server after ${f.probe.toServerMs} ms, answered in main after ` +
    `${f.probe.answeredMs} ms, on screen after ${f.probe.shownMs} ms (${f.probe.replyToScreenMs} ms after the reply` +
    (f.probe.replyToPageMs === undefined ? ')' : `, in the page after ${f.probe.replyToPageMs} ms)`) +
    (f.streamHeldMs > 0 ? `; stream held ${f.streamHeldMs} ms for the probe` : '') +
    (f.heapMiB === undefined ? '' : `; page heap ${f.heapMiB} MiB (${f.liveHeapMiB ?? 'n/a'} MiB after a GC)`)
  );
}

export function floodTableHeader(): string {
  return [
    '| flood | last line on screen | in the main process | longest frame gap | longest task | longest event handling in the renderer | command typed during the flood: Enter → server | server reply → answer on screen | Enter → answer on screen | renderer heap after |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ].join('\n');
}

export const ms = (n: number): string => `${n.toLocaleString('en-US')} ms`;

/** "152 MiB (29 MiB after a GC)". */
export function formatHeap(heap: number | undefined, live: number | undefined): string {
  if (heap === undefined) return 'n/a';
  return live === undefined ? `${heap} MiB` : `${heap} MiB (${live} MiB after a GC)`;
}

export function floodRow(f: FloodFigures): string {
  const shape =
    f.kind === 'answer'
      ? '20 MiB as one answer (`bytes 20971520`, 5,120 packets)'
      : '20 MiB as unsolicited packets (5,120 × 4 KiB)';
  const what = f.tab === 'background' ? `${shape}, in a background tab of four` : `${shape}, in the tab shown`;
  const main = f.kind === 'answer' ? `whole answer after ${ms(f.mainMs)}` : `all sent after ${ms(f.mainMs)}`;
  const heap = formatHeap(f.heapMiB, f.liveHeapMiB);
  return `| ${what} | ${ms(f.renderMs)} | ${main} | ${ms(f.longestFrameGapMs)} | ${f.longTasks === 0 ? 'none over 50 ms' : ms(f.longestTaskMs)} | ${ms(f.longestEventMs)} | ${ms(f.probe.toServerMs)} | ${ms(f.probe.replyToScreenMs)} | ${ms(f.probe.shownMs)} | ${heap} |`;
}
