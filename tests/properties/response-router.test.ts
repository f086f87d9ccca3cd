import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from '../../src/main/rcon/frame-decoder';
import { RconMessage } from '../../src/main/rcon/packet';
import { ResponseRouter, type RouteResult } from '../../src/main/rcon/response-router';
import { INT32_MAX, INT32_MIN, TIME_BUDGET, mutatedStreamArb, routeStream, split } from './support';

const SOURCE_TRAILER = Buffer.from([0, 1, 0, 0]);
const UNKNOWN_REQUEST = Buffer.from('Unknown request 0');
const MAX_COMMANDS = 8;
const UNSOLICITED_IDS = 6;

type Ending = 'source' | 'minecraft' | 'quiet';

interface CommandScript {
  parts: Buffer[];
  ending: Ending;
  /** Abandon the command after this many of its own events (open counts as one), if set. */
  abandonAfter: number | null;
}

interface Scenario {
  maxResponseBytes: number;
  ids: number[];
  commands: CommandScript[];
  unsolicited: Buffer[];
  picks: number[];
}

type Step =
  | { kind: 'open'; command: number }
  | { kind: 'part'; command: number; body: Buffer }
  | { kind: 'mirror'; command: number }
  | { kind: 'trailer'; command: number }
  | { kind: 'unknown-request'; command: number }
  | { kind: 'finish'; command: number }
  | { kind: 'abandon'; command: number }
  | { kind: 'unsolicited'; id: number; body: Buffer };

const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  maxResponseBytes: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constant(1 << 20)),
  // Distinct ids: a command and a sentinel for each command, then the ids unsolicited packets use.
  ids: fc.uniqueArray(fc.integer({ min: INT32_MIN, max: INT32_MAX }), {
    minLength: 2 * MAX_COMMANDS + UNSOLICITED_IDS,
    maxLength: 2 * MAX_COMMANDS + UNSOLICITED_IDS,
  }),
  commands: fc.array(
    fc.record({
      parts: fc.array(bytes(80), { maxLength: 6 }),
      ending: fc.constantFrom<Ending>('source', 'minecraft', 'quiet'),
      // One command in four is abandoned (timed out) somewhere along the way.
      abandonAfter: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
    }),
    { minLength: 1, maxLength: MAX_COMMANDS },
  ),
  unsolicited: fc.array(bytes(40), { maxLength: 8 }),
  picks: fc.array(fc.nat(), { maxLength: 120 }),
});

/** Each command's events in its own order; the queues are then interleaved as `picks` says. */
function interleave(scenario: Scenario): Step[] {
  const queues: Step[][] = scenario.commands.map((script, command) => {
    const steps: Step[] = [{ kind: 'open', command }];
    for (const body of script.parts) steps.push({ kind: 'part', command, body });
    if (script.ending === 'source') steps.push({ kind: 'mirror', command }, { kind: 'trailer', command });
    if (script.ending === 'minecraft') steps.push({ kind: 'unknown-request', command });
    if (script.ending === 'quiet') steps.push({ kind: 'finish', command });
    if (script.abandonAfter !== null) {
      steps.splice(1 + (script.abandonAfter % steps.length), 0, { kind: 'abandon', command });
    }
    return steps;
  });
  scenario.unsolicited.forEach((body, i) => {
    queues.push([{ kind: 'unsolicited', id: scenario.ids[2 * MAX_COMMANDS + (i % UNSOLICITED_IDS)]!, body }]);
  });
  const steps: Step[] = [];
  let k = 0;
  for (;;) {
    const live = queues.filter((q) => q.length > 0);
    if (live.length === 0) return steps;
    const pick = scenario.picks.length > 0 ? scenario.picks[k % scenario.picks.length]! : 0;
    k += 1;
    steps.push(live[pick % live.length]!.shift()!);
  }
}

type Expected =
  | { kind: 'part' | 'swallowed' }
  | { kind: 'complete'; body: Buffer; packets: number }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'unsolicited' };

function summarize(result: RouteResult): unknown {
  switch (result.kind) {
    case 'complete':
      return {
        kind: 'complete',
        commandId: result.commandId,
        body: result.response.body.toString('hex'),
        packets: result.response.packets,
      };
    case 'unsolicited':
      return { kind: 'unsolicited', id: result.message.id, body: result.message.body.toString('hex') };
    case 'part':
      return { kind: 'part', commandId: result.commandId, body: result.body.toString('hex') };
    default:
      return result;
  }
}

describe('ResponseRouter (model-based)', () => {
  it('assembles every command from exactly its own parts under any interleaving', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const router = new ResponseRouter(scenario.maxResponseBytes);
        const commandId = (c: number) => scenario.ids[2 * c]!;
        const sentinelId = (c: number) => scenario.ids[2 * c + 1]!;
        // The model: what each command has received, and whether it still listens.
        const state = scenario.commands.map(() => ({ open: false, parts: [] as Buffer[], bytes: 0 }));
        const completions = scenario.commands.map(() => 0);
        const tooLarge = scenario.commands.map(() => 0);
        let openCount = 0;

        for (const step of interleave(scenario)) {
          if (step.kind === 'open') {
            const quiet = scenario.commands[step.command]!.ending === 'quiet';
            router.open(commandId(step.command), quiet ? undefined : sentinelId(step.command));
            state[step.command]!.open = true;
            openCount += 1;
          } else if (step.kind === 'abandon') {
            router.abandon(commandId(step.command));
            if (state[step.command]!.open) openCount -= 1;
            state[step.command]!.open = false;
          } else if (step.kind === 'finish') {
            const s = state[step.command]!;
            const response = router.finish(commandId(step.command));
            if (s.open) {
              expect(response?.body.toString('hex')).toBe(Buffer.concat(s.parts).toString('hex'));
              expect(response?.packets).toBe(s.parts.length);
              completions[step.command]! += 1;
              s.open = false;
              openCount -= 1;
            } else {
              expect(response).toBeUndefined();
            }
          } else {
            let message: RconMessage;
            let expected: Expected;
            let owner: number | undefined;
            if (step.kind === 'unsolicited') {
              message = new RconMessage(step.id, 0, step.body);
              expected = { kind: 'unsolicited' };
            } else {
              const s = state[step.command]!;
              owner = step.command;
              if (step.kind === 'part') {
                message = new RconMessage(commandId(step.command), 0, step.body);
                if (!s.open) {
                  expected = { kind: 'swallowed' };
                } else if (s.bytes + step.body.length > scenario.maxResponseBytes) {
                  expected = { kind: 'too-large', bytes: s.bytes + step.body.length };
                  tooLarge[step.command]! += 1;
                  s.open = false;
                  openCount -= 1;
                } else {
                  expected = { kind: 'part' };
                  s.parts.push(step.body);
                  s.bytes += step.body.length;
                }
              } else if (step.kind === 'trailer') {
                message = new RconMessage(sentinelId(step.command), 0, SOURCE_TRAILER);
                expected = { kind: 'swallowed' };
              } else {
                const body = step.kind === 'mirror' ? Buffer.alloc(0) : UNKNOWN_REQUEST;
                message = new RconMessage(sentinelId(step.command), 0, body);
                if (s.open) {
                  expected = { kind: 'complete', body: Buffer.concat(s.parts), packets: s.parts.length };
                  completions[step.command]! += 1;
                  s.open = false;
                  openCount -= 1;
                } else {
                  expected = { kind: 'swallowed' };
                }
              }
            }
            const result = router.route(message);
            const id = owner === undefined ? undefined : commandId(owner);
            switch (expected.kind) {
              case 'part':
              case 'swallowed':
                expect(summarize(result)).toEqual(
                  expected.kind === 'part'
                    ? { kind: 'part', commandId: id, body: message.body.toString('hex') }
                    : expected,
                );
                break;
              case 'complete':
                expect(summarize(result)).toEqual({
                  kind: 'complete',
                  commandId: id,
                  body: expected.body.toString('hex'),
                  packets: expected.packets,
                });
                break;
              case 'too-large':
                expect(result).toEqual({ kind: 'too-large', commandId: id, bytes: expected.bytes, limit: 'answer' });
                break;
              case 'unsolicited':
                expect(result.kind).toBe('unsolicited');
                expect(result.kind === 'unsolicited' && result.message).toBe(message);
                break;
            }
          }
          expect(router.inFlight).toBe(openCount);
        }
        // Every command ended exactly once: completed, too large, or abandoned.
        expect(router.inFlight).toBe(0);
        scenario.commands.forEach((script, c) => {
          expect(completions[c]! + tooLarge[c]!).toBeLessThanOrEqual(1);
          if (script.abandonAfter === null) expect(completions[c]! + tooLarge[c]!).toBe(1);
        });
      }),
      { numRuns: 500, ...TIME_BUDGET },
    );
  });

  it('never breaks its contract on packets decoded from mutated streams', () => {
    fc.assert(
      fc.property(
        mutatedStreamArb,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 200 }),
        (input, commands, max) => {
          const decoder = new FrameDecoder(input.maxPacketBytes);
          const packets: RconMessage[] = [];
          for (const chunk of split(input.stream, input.chunking)) {
            try {
              packets.push(...decoder.push(chunk));
            } catch {
              break;
            }
          }
          // Ids of the mutated stream are mostly -2..4, so they land on commands (1, 3, 5) and sentinels (2, 4, 6).
          routeStream(packets, commands, max);
        },
      ),
      { numRuns: 500, ...TIME_BUDGET },
    );
  });
});
