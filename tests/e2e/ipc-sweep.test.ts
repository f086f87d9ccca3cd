/**
 * Every IPC handler under bad input. For each channel of INVOKE_CHANNELS, the handler made by
 * createApiHandlers (real services on a temp dir, the real keychain under a unique service name,
 * a real session to a reference server) gets a generated list of bad arguments: wrong arity, wrong
 * types in every position, missing and unknown fields, huge strings (1 MiB, 10 MiB) in every string
 * position, unknown ids, prototype-pollution keys. Each call must resolve to
 * `{ ok: false, error: { kind, message } }` with the right kind ('validation' or 'not-found') and a
 * short sentence that does not echo the input; nothing on disk or in the keychain may change, and
 * the services must keep working. One case goes through the page: window.rconDesk rejects with an
 * ApiError and the window keeps working.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetMethod } from '../../src/main/fleet-api-handlers';
import { LIMITS } from '../../src/main/validation';
import type { ReferenceServer } from '../../src/reference-server/server';
import { INVOKE_CHANNELS, type InvokeMethod, type ProfileView, type SessionInfo } from '../../src/shared/api';
import { Harness, poll } from './harness';

type Expected = 'validation' | 'not-found';

interface Case {
  method: InvokeMethod;
  title: string;
  /** What the handler gets: the argument list (not always an array, to try that too). */
  args: unknown;
  expected: Expected;
}

const MIB = 1024 * 1024;
const HUGE_1 = 'h'.repeat(MIB);
const HUGE_10 = 'H'.repeat(10 * MIB);
const GHOST_ID = 'no-such-id-0000';
const WELL_FORMED_GHOSTS = [GHOST_ID, '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

let h: Harness;
let server: ReferenceServer;
let alpha: ProfileView;
let bravo: ProfileView;
let session: SessionInfo;
let disk: Map<string, string>;
let keychain: { account: string; password: string }[];
let profilesBefore: ProfileView[];
const counts = new Map<InvokeMethod, number>();

// ---------------------------------------------------------------------------------------------
// Generating the cases

/** Values of every type; a slot leaves out those it accepts. */
const ANY_VALUES: [string, unknown][] = [
  ['the number 42', 42],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['null', null],
  ['undefined', undefined],
  ['an empty array', []],
  ['an array of one string', ['a']],
  ['an empty object', {}],
  ['true', true],
  ['false', false],
  ['a string', 'some text'],
  ['an empty string', ''],
  ['a bigint', 10n],
  ['a Date', new Date(0)],
  ['a Map', new Map([['a', 1]])],
  ['an object with a null prototype', Object.create(null) as object],
];

const isString = (value: unknown): boolean => typeof value === 'string';

/** A slot: one argument or field, with the values that are wrong for it and what each should give. */
interface Slot {
  /** The value used when another slot is being tested. */
  valid: () => unknown;
  /** Bad values: [title, value, expected]. */
  bad: () => [string, unknown, Expected][];
  /** Absent is allowed (an optional field or trailing argument). */
  optional?: boolean;
}

function wrongTypes(accepts: (value: unknown) => boolean, optional = false): [string, unknown, Expected][] {
  return ANY_VALUES.filter(([, value]) => !accepts(value) && !(optional && value === undefined)).map(
    ([title, value]) => [title, value, 'validation'],
  );
}

function hugeStrings(): [string, unknown, Expected][] {
  return [
    ['a 1 MiB string', HUGE_1, 'validation'],
    ['a 10 MiB string', HUGE_10, 'validation'],
  ];
}

/** A one-line text field: wrong types, huge, NUL, line breaks, plus field-specific bad strings. */
function textSlot(
  valid: string,
  extra: [string, string][] = [],
  options: { emptyOk?: boolean; optional?: boolean } = {},
): Slot {
  return {
    valid: () => valid,
    optional: options.optional,
    bad: () => [
      ...wrongTypes((v) => isString(v) && (v !== '' || options.emptyOk === true), options.optional),
      ...hugeStrings(),
      ['text with a NUL', `a\0b`, 'validation'],
      ['text with a line break', 'a\nb', 'validation'],
      ['text with an escape character', 'a\x1b[31mb', 'validation'],
      ...extra.map(([title, value]): [string, unknown, Expected] => [title, value, 'validation']),
    ],
  };
}

/** An id: bad shapes are validation errors, well-formed unknown ids are not-found. */
function idSlot(valid: () => string, options: { optional?: boolean } = {}): Slot {
  return {
    valid,
    optional: options.optional,
    bad: () => [
      ...wrongTypes(isString, options.optional),
      ['an empty id', '', 'validation'],
      ['an id with a space', 'a b', 'validation'],
      ['an id with a slash', '../profiles', 'validation'],
      ['an id of 101 characters', 'i'.repeat(LIMITS.id + 1), 'validation'],
      ['an id with a NUL', 'a\0b', 'validation'],
      ...hugeStrings(),
      ...WELL_FORMED_GHOSTS.map((id): [string, unknown, Expected] => [`the unknown id "${id}"`, id, 'not-found']),
      ['a string that is not an id', 'some text', 'validation'],
    ],
  };
}

function enumSlot(valid: string): Slot {
  return {
    valid: () => valid,
    bad: () => [
      ...wrongTypes((v) => v === valid),
      ...hugeStrings(),
      ['an unknown value', 'quake', 'validation'],
      ['the value in capitals', valid.toUpperCase(), 'validation'],
    ],
  };
}

function portSlot(valid: number): Slot {
  return {
    valid: () => valid,
    bad: () => [
      ...wrongTypes((v) => v === valid).filter(([title]) => title !== 'the number 42'),
      ['0', 0, 'validation'],
      ['65536', 65536, 'validation'],
      ['-1', -1, 'validation'],
      ['1.5', 1.5, 'validation'],
      ['2^53', 2 ** 53, 'validation'],
      ['the port as text', String(valid), 'validation'],
    ],
  };
}

function boolSlot(valid: boolean): Slot {
  return {
    valid: () => valid,
    bad: () => [...wrongTypes((v) => typeof v === 'boolean'), ['1', 1, 'validation'], ['"true"', 'true', 'validation']],
  };
}

function colorSlot(valid: string): Slot {
  return {
    valid: () => valid,
    bad: () => [
      ...wrongTypes((v) => v === '' || v === valid),
      ...hugeStrings(),
      ['a colour name', 'red', 'validation'],
      ['a short hex colour', '#fff', 'validation'],
      ['a colour with alpha', '#11223344', 'validation'],
    ],
  };
}

function listSlot(
  valid: () => unknown[],
  item: Slot,
  maxItems: number,
  extra: () => [string, unknown, Expected][] = () => [],
): Slot {
  return {
    valid,
    bad: () => [
      ...wrongTypes(Array.isArray).filter(([title]) => !title.includes('array')),
      ['an object with a length', { length: 1, 0: valid()[0] }, 'validation'],
      [`${maxItems + 1} entries`, Array.from({ length: maxItems + 1 }, () => valid()[0]), 'validation'],
      ...item.bad().map(([title, value, expected]): [string, unknown, Expected] => {
        const list = [...valid()];
        list[0] = value;
        return [`first entry ${title}`, list, expected];
      }),
      ...extra(),
    ],
  };
}

/** A plain-object argument: every field's bad values, missing fields, unknown and prototype keys. */
function recordSlot(fields: Record<string, Slot>, extra: () => [string, unknown, Expected][] = () => []): Slot {
  const valid = (): Record<string, unknown> =>
    Object.fromEntries(Object.entries(fields).map(([key, slot]) => [key, slot.valid()]));
  return {
    valid,
    bad: () => {
      const cases: [string, unknown, Expected][] = [
        // Every field list here has a required field, so even an empty plain object is wrong.
        ...wrongTypes(() => false),
        ['an object with the right fields on its prototype', Object.create(valid()) as object, 'validation'],
        ['a class instance', new (class Request {})(), 'validation'],
        ['an unknown extra field', { ...valid(), extra: 1 }, 'validation'],
        ['an own "__proto__" field', withOwnKey(valid(), '__proto__', { polluted: true }), 'validation'],
        [
          'a "__proto__" field from JSON',
          JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(valid()).slice(1)}`),
          'validation',
        ],
        ['a "constructor" field', { ...valid(), constructor: { prototype: { polluted: true } } }, 'validation'],
        ['a "prototype" field', { ...valid(), prototype: { polluted: true } }, 'validation'],
        ['an unknown field with a 1 MiB name', { ...valid(), [HUGE_1]: 1 }, 'validation'],
        [
          '10,000 unknown fields',
          { ...valid(), ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`x${i}`, i])) },
          'validation',
        ],
      ];
      for (const [key, slot] of Object.entries(fields)) {
        if (!slot.optional) {
          const missing = valid();
          delete missing[key];
          cases.push([`"${key}" missing`, missing, 'validation']);
        }
        for (const [title, value, expected] of slot.bad()) {
          cases.push([`"${key}" ${title}`, { ...valid(), [key]: value }, expected]);
        }
      }
      return [...cases, ...extra()];
    },
  };
}

function withOwnKey(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...record };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** The argument list of each method, one slot per position. */
function signatures(): Record<InvokeMethod, Slot[]> {
  const draft = recordSlot({
    name: textSlot(alpha.name, [
      ['only spaces', '   '],
      ['101 characters', 'n'.repeat(LIMITS.name + 1)],
    ]),
    host: textSlot(alpha.host, [
      ['a host with a space', 'exa mple.com'],
      ['a URL', 'http://example.com/'],
      ['a host with brackets', '[::1]'],
      ['254 characters', 'a'.repeat(LIMITS.host + 1)],
    ]),
    port: portSlot(alpha.port),
    dialect: enumSlot(alpha.dialect),
    encoding: enumSlot(alpha.encoding),
    group: textSlot(alpha.group, [['101 characters', 'g'.repeat(LIMITS.group + 1)]], { emptyOk: true }),
    color: colorSlot(alpha.color),
    quickCommands: listSlot(
      () => ['status'],
      textSlot('status', [
        ['only spaces', '   '],
        ['1001 characters', 'q'.repeat(LIMITS.quickCommand + 1)],
      ]),
      LIMITS.quickCommands,
    ),
    rememberPassword: boolSlot(alpha.rememberPassword),
  });
  const passwordChange: Slot = {
    valid: () => ({ kind: 'keep' }),
    bad: () => {
      const password = textSlot('a-new-password', [['1025 characters', 'p'.repeat(LIMITS.password + 1)]]);
      return [
        ...recordSlot({ kind: enumSlot('keep') }).bad(),
        ['kind "set" without a password', { kind: 'set' }, 'validation'],
        ['kind "keep" with a password', { kind: 'keep', password: 'x' }, 'validation'],
        ['kind "clear" with a password', { kind: 'clear', password: 'x' }, 'validation'],
        ...password
          .bad()
          .map(([title, value]): [string, unknown, Expected] => [
            `kind "set" with a password that is ${title}`,
            { kind: 'set', password: value },
            'validation',
          ]),
      ];
    },
  };
  const profileId = idSlot(() => alpha.id);
  const sessionId = idSlot(() => session.sessionId);
  const fileName = textSlot('console.txt', [
    ['a name with a folder', 'logs/console.txt'],
    ['a name with a backslash', 'logs\\console.txt'],
    ['"..", a folder', '..'],
    ['201 characters', 'f'.repeat(LIMITS.fileName + 1)],
  ]);
  const password = textSlot('a-password', [['1025 characters', 'p'.repeat(LIMITS.password + 1)]], { optional: true });
  return {
    listProfiles: [],
    profilesLoadReport: [],
    keychainStatus: [],
    // No argument: the file is chosen in a dialog the main process shows, never named by the page.
    importProfiles: [],
    exportProfiles: [],
    listSessions: [],
    saveProfile: [
      recordSlot({ id: idSlot(() => alpha.id, { optional: true }), profile: draft, password: passwordChange }),
    ],
    duplicateProfile: [profileId],
    deleteProfile: [profileId],
    reorderProfiles: [
      listSlot(
        () => [alpha.id, bravo.id],
        profileId,
        LIMITS.profiles,
        () => [
          ['a list without one of the profiles', [alpha.id], 'validation'],
          ['a list naming a profile twice', [alpha.id, alpha.id], 'validation'],
          ['a list with an unknown id at the end', [alpha.id, bravo.id, GHOST_ID], 'not-found'],
          ['an empty list', [], 'validation'],
        ],
      ),
    ],
    // Every case is refused before a login is tried: the sweep's server must not count failed logins.
    testConnection: [
      recordSlot({
        host: textSlot(alpha.host, [
          ['a host with a space', 'exa mple.com'],
          ['a URL', 'http://example.com/'],
          ['a host with brackets', '[::1]'],
          ['254 characters', 'a'.repeat(LIMITS.host + 1)],
        ]),
        port: portSlot(alpha.port),
        password,
        profileId: idSlot(() => alpha.id, { optional: true }),
      }),
    ],
    openSession: [recordSlot({ profileId, password })],
    saveText: [
      recordSlot({
        suggestedName: fileName,
        text: {
          valid: () => 'line one\nline two',
          bad: () => [
            ...wrongTypes(isString),
            ['text with a NUL', 'a\0b', 'validation'],
            ['more text than any console holds', 'x'.repeat(LIMITS.savedText + 1), 'validation'],
          ],
        },
      }),
    ],
    // The sweep's session has no long answer: a good request is refused as not-found (saved nothing).
    saveLongAnswer: [recordSlot({ sessionId, suggestedName: fileName })],
    sendCommand: [
      sessionId,
      textSlot('echo sweep', [
        ['only spaces', '   '],
        ['4,097 characters', 'c'.repeat(LIMITS.command + 1)],
        // Passes the IPC check (at most 4,096 characters), refused by the engine (4,082 bytes).
        ['4,090 characters (over the 4,082 bytes of a packet)', `echo ${'c'.repeat(4085)}`],
      ]),
    ],
    reconnectSession: [sessionId, password],
    closeSession: [sessionId],
    // A session id, or null for "no console in front".
    setForegroundSession: [{ ...sessionId, bad: () => sessionId.bad().filter(([, value]) => value !== null) }],
    getHistory: [profileId],
    transcriptFolder: [profileId],
    ...fleetSignatures(profileId),
    ...statusSignatures(profileId, sessionId),
  };
}

/** A whole number field that may be left out. */
function countSlot(valid: number, max: number): Slot {
  return {
    valid: () => valid,
    optional: true,
    bad: () => [
      ...wrongTypes((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max, true),
      ['-1', -1, 'validation'],
      ['1.5', 1.5, 'validation'],
      [`${max + 1}`, max + 1, 'validation'],
      ['a number as text', '5', 'validation'],
    ],
  };
}

/** Server status and the players panel: each bad request is refused before any command is sent. */
function statusSignatures(
  profileId: Slot,
  sessionId: Slot,
): Pick<Record<InvokeMethod, Slot[]>, 'serverStatus' | 'listPlayers' | 'playerAction'> {
  const player = recordSlot({
    name: textSlot('Alex', [['201 characters', 'n'.repeat(201)]]),
    userId: countSlot(2, 2_147_483_647),
    steamId: textSlot('STEAM_1:0:12345678', [['65 characters', 's'.repeat(65)]], { optional: true }),
  });
  return {
    serverStatus: [profileId],
    listPlayers: [sessionId],
    playerAction: [
      recordSlot(
        {
          sessionId,
          action: enumSlot('kick'),
          player,
          reason: textSlot('spam', [['501 characters', 'r'.repeat(501)]], { emptyOk: true, optional: true }),
          minutes: countSlot(0, 5_256_000),
          message: textSlot('hello', [['501 characters', 'm'.repeat(501)]], { optional: true }),
        },
        () => [
          // Well-formed, but it would end the kick command and start another on a Source server.
          ['a reason that starts another command', playerAction({ reason: 'x; rcon_password stolen' }), 'validation'],
          [
            'a name with a quote, for a message',
            playerAction({ action: 'message', player: { name: 'a"b' } }),
            'validation',
          ],
          ['a kick of a player without a user id', playerAction({ player: { name: 'Alex' } }), 'validation'],
        ],
      ),
    ],
  };
}

function playerAction(change: Record<string, unknown>): Record<string, unknown> {
  return {
    sessionId: session.sessionId,
    action: 'kick',
    player: { name: 'Alex', userId: 2 },
    ...change,
  };
}

/** An id the renderer makes up (a broadcast's): any well-formed id is fine, so only shapes are bad. */
function freshIdSlot(): Slot {
  const ids = idSlot(() => 'broadcast-1');
  return { valid: ids.valid, bad: () => ids.bad().filter(([, , expected]) => expected === 'validation') };
}

/** A slot for a tagged union: the valid value, and bad values beyond wrong types and huge strings. */
function unionSlot(valid: () => unknown, bad: [string, unknown, Expected][]): Slot {
  return {
    valid,
    bad: () => [
      ...wrongTypes(() => false),
      ['an unknown kind', { kind: 'quake' }, 'validation'],
      ['an unknown extra field', { ...(valid() as object), extra: 1 }, 'validation'],
      ['a "__proto__" field from JSON', JSON.parse('{"__proto__":{"polluted":true},"kind":"group"}'), 'validation'],
      ...bad,
    ],
  };
}

function fleetSignatures(profileId: Slot): Pick<Record<InvokeMethod, Slot[]>, FleetMethod> {
  const target = unionSlot(
    () => ({ kind: 'profiles', profileIds: [alpha.id] }),
    [
      ['no servers', { kind: 'profiles', profileIds: [] }, 'validation'],
      ['servers that are not a list', { kind: 'profiles', profileIds: alpha.id }, 'validation'],
      ['a server id with a space', { kind: 'profiles', profileIds: ['a b'] }, 'validation'],
      ...WELL_FORMED_GHOSTS.map((id): [string, unknown, Expected] => [
        `the unknown server "${id}"`,
        { kind: 'profiles', profileIds: [id] },
        'not-found',
      ]),
      ['a group with no name', { kind: 'group', group: '' }, 'validation'],
      ['a group with a 1 MiB name', { kind: 'group', group: HUGE_1 }, 'validation'],
      ['a group that has no servers', { kind: 'group', group: 'No such group' }, 'not-found'],
      ['a group with server ids', { kind: 'group', group: 'g', profileIds: [alpha.id] }, 'validation'],
    ],
  );
  const command = textSlot('echo fleet', [['only spaces', '   ']]);
  const steps = listSlot(
    () => [{ kind: 'command', command: 'say hello' }],
    unionSlot(
      () => ({ kind: 'command', command: 'say hello' }),
      [
        ['a command with a line break', { kind: 'command', command: 'say a\nquit' }, 'validation'],
        ['a command of 1 MiB', { kind: 'command', command: HUGE_1 }, 'validation'],
        ['a wait of 0 seconds', { kind: 'wait', seconds: 0 }, 'validation'],
        ['a wait of two days', { kind: 'wait', seconds: 172_800 }, 'validation'],
        ['a wait as text', { kind: 'wait', seconds: '5' }, 'validation'],
        ['a wait with a command', { kind: 'wait', seconds: 5, command: 'quit' }, 'validation'],
      ],
    ),
    100,
    () => [['only waits', [{ kind: 'wait', seconds: 5 }], 'validation']],
  );
  const timing = unionSlot(
    () => ({ kind: 'interval', minutes: 30 }),
    [
      ['an interval of 0 minutes', { kind: 'interval', minutes: 0 }, 'validation'],
      ['an interval of 1.5 minutes', { kind: 'interval', minutes: 1.5 }, 'validation'],
      ['a daily time of 24:00', { kind: 'daily', time: '24:00' }, 'validation'],
      ['a daily time of 5:00', { kind: 'daily', time: '5:00' }, 'validation'],
      ['a daily time of 1 MiB', { kind: 'daily', time: HUGE_1 }, 'validation'],
    ],
  );
  const action = unionSlot(
    () => ({ kind: 'command', command: 'say hello' }),
    [
      ['an empty command', { kind: 'command', command: '' }, 'validation'],
      ['a macro id with a slash', { kind: 'macro', macroId: '../x' }, 'validation'],
      ['an unknown macro', { kind: 'macro', macroId: GHOST_ID }, 'validation'],
    ],
  );
  const name = textSlot('Fleet', [['only spaces', '   ']]);
  // Every field of a filter is optional, so an empty object is a valid filter (everything).
  const isEmptyRecord = (v: unknown): boolean =>
    typeof v === 'object' &&
    v !== null &&
    Object.keys(v).length === 0 &&
    [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null);
  const filter: Slot = {
    valid: () => ({ text: 'echo', limit: 10 }),
    bad: () => [
      ...wrongTypes(isEmptyRecord),
      ['an unknown field', { text: 'echo', extra: 1 }, 'validation'],
      ['an unknown source', { source: 'telepathy' }, 'validation'],
      ['an unknown outcome', { outcome: 'maybe' }, 'validation'],
      ['a 1 MiB search text', { text: HUGE_1 }, 'validation'],
      ['search text with a line break', { text: 'a\nb' }, 'validation'],
      ['a local time', { since: '2026-11-30 05:00' }, 'validation'],
      ['a time as a number', { until: 1_700_000_000_000 }, 'validation'],
      ['a limit of 0', { limit: 0 }, 'validation'],
      ['a limit of 1.5', { limit: 1.5 }, 'validation'],
      ['a server id with a slash', { profileId: '../x' }, 'validation'],
      ['a "__proto__" field from JSON', JSON.parse('{"__proto__":{"polluted":true}}'), 'validation'],
    ],
  };
  return {
    broadcast: [
      recordSlot({ broadcastId: freshIdSlot(), target, command, exclude: listSlot(() => [], profileId, 10_000) }),
    ],
    listMacros: [],
    saveMacro: [recordSlot({ id: idSlot(() => GHOST_ID, { optional: true }), name, steps })],
    deleteMacro: [idSlot(() => GHOST_ID)],
    startMacro: [recordSlot({ macroId: idSlot(() => GHOST_ID), target })],
    cancelMacro: [idSlot(() => GHOST_ID)],
    listSchedules: [],
    saveSchedule: [
      recordSlot({
        // Absent (a new schedule) unless it is the slot being tested, so that a bad field of a new
        // schedule is what each case is about.
        id: { ...idSlot(() => GHOST_ID, { optional: true }), valid: () => undefined },
        name,
        target,
        action,
        timing,
        enabled: boolSlot(true),
      }),
    ],
    deleteSchedule: [idSlot(() => GHOST_ID)],
    readAudit: [filter],
    exportAudit: [recordSlot({ format: enumSlot('csv'), filter })],
  };
}

function casesFor(method: InvokeMethod): Case[] {
  const slots = signatures()[method];
  const valid = () => slots.map((slot) => slot.valid());
  const required = slots.filter((slot) => !slot.optional).length;
  const cases: Case[] = [];
  const add = (title: string, args: unknown, expected: Expected = 'validation') =>
    cases.push({ method, title, args, expected });

  // Arity.
  if (required > 0) add('no arguments', []);
  for (const [title, value] of [
    ['a string', 'extra'],
    ['undefined', undefined],
    ['an object', {}],
  ] as const) {
    add(`one argument too many (${title})`, [...valid(), value]);
  }
  add('many arguments', [...valid(), ...Array.from({ length: 100 }, (_, i) => i)]);
  if (slots.length === 0) {
    for (const [title, value] of ANY_VALUES) add(`one argument: ${title}`, [value]);
  }
  // Arguments that are not a list (not possible through Electron, but the handler must not care).
  for (const [title, value] of [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'abc'],
    ['an array-like object', { ...valid(), length: slots.length }],
  ] as const) {
    add(`arguments given as ${title}`, value);
  }
  // Each position.
  slots.forEach((slot, index) => {
    for (const [title, value, expected] of slot.bad()) {
      const args = valid();
      args[index] = value;
      add(`argument ${index + 1} ${title}`, args, expected);
    }
  });
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Checking

/** Every file in the data folder with its bytes (the browser's own profile folder left out). */
function snapshotDisk(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const name = relative(h.dataDir, path);
      if (name === 'chromium') continue;
      if (entry.isDirectory()) walk(path);
      // Compared byte for byte; as latin1 text so that a difference shows readably.
      else files.set(name, readFileSync(path).toString('latin1'));
    }
  };
  walk(h.dataDir);
  return files;
}

async function snapshotKeychain(): Promise<{ account: string; password: string }[]> {
  const entries = await keytar.findCredentials(h.serviceName);
  return entries.sort((a, b) => a.account.localeCompare(b.account));
}

/** What is wrong with one answer, or undefined when it is right. */
function problemWith(result: unknown, expected: Expected): string | undefined {
  if (typeof result !== 'object' || result === null) return `answered ${String(result)}`;
  const answer = result as { ok?: unknown; error?: { kind?: unknown; message?: unknown } };
  if (answer.ok !== false) return `answered ok: ${JSON.stringify(result).slice(0, 200)}`;
  if (Object.keys(answer).sort().join() !== 'error,ok') return `extra fields: ${Object.keys(answer).join()}`;
  const error = answer.error ?? {};
  if (Object.keys(error).sort().join() !== 'kind,message') return `error fields: ${Object.keys(error).join()}`;
  const { kind, message } = error;
  if (kind !== expected) return `kind ${String(kind)}, expected ${expected} (${String(message).slice(0, 200)})`;
  if (typeof message !== 'string') return 'no message';
  if (message.length > 300) return `a message of ${message.length} characters: ${message.slice(0, 100)}…`;
  if (!/^\S.{8,}[.!?]$/.test(message) || !message.includes(' ')) return `not a sentence: ${JSON.stringify(message)}`;
  if (/\n|\bat .+:\d+|\[object |TypeError|undefined|null\b/.test(message)) {
    return `reads like a bug: ${JSON.stringify(message)}`;
  }
  // Unknown field names are quoted cut at 40 characters (validation.ts describeKeys): no more than that.
  if (/(.)\1{40}/.test(message)) return `echoes the input: ${JSON.stringify(message)}`;
  return undefined;
}

/** The state a bad call must leave as it was: files, keychain entries, profiles. */
async function baseline(): Promise<void> {
  await h.history.flush();
  disk = snapshotDisk();
  keychain = await snapshotKeychain();
  profilesBefore = await h.profiles.list();
}

async function runCases(method: InvokeMethod): Promise<void> {
  await baseline();
  const handler = h.handlers[method] as (args: unknown) => Promise<unknown>;
  const cases = casesFor(method);
  counts.set(method, cases.length);
  const problems: string[] = [];
  for (const { title, args, expected } of cases) {
    let result: unknown;
    try {
      result = await handler(args);
    } catch (error) {
      problems.push(`${method}: ${title}: threw ${String(error)}`);
      continue;
    }
    const problem = problemWith(result, expected);
    if (problem) problems.push(`${method}: ${title}: ${problem}`);
    // Still fine: a normal call works and sees the same profiles.
    const list = await h.handlers.listProfiles([]);
    if (!list.ok || JSON.stringify(list.value) !== JSON.stringify(profilesBefore)) {
      problems.push(`${method}: ${title}: listProfiles afterwards gave ${JSON.stringify(list).slice(0, 200)}`);
    }
  }
  expect(problems).toEqual([]);
  expect(cases.length).toBeGreaterThan(0);
  // Nothing changed on disk or in the keychain; the session is still up; nothing was polluted.
  await h.history.flush();
  expect(snapshotDisk()).toEqual(disk);
  await expect(snapshotKeychain()).resolves.toEqual(keychain);
  expect(h.sessions.list()).toEqual([expect.objectContaining({ sessionId: session.sessionId, status: 'connected' })]);
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  // Bugs (not user errors) the handlers reported; the harness collects them in pageErrors.
  expect(h.pageErrors).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  h = await Harness.start();
  server = await h.startServer({ password: 'sweep-pw', personality: 'srcds' });
  alpha = await h.addProfile(
    {
      name: 'Sweep Alpha',
      port: server.port,
      dialect: 'source',
      group: 'Sweep',
      color: '#3b82f6',
      quickCommands: ['status'],
    },
    'sweep-pw',
  );
  bravo = await h.addProfile({ name: 'Sweep Bravo', port: server.port }, 'bravo-pw');
  const opened = await h.handlers.openSession([{ profileId: alpha.id }]);
  if (!opened.ok) throw new Error(opened.error.message);
  session = opened.value;
  await poll(() => h.sessions.get(session.sessionId).status === 'connected', 'the sweep session');
  // One command, so that history.json exists and is part of the snapshot.
  const sent = await h.handlers.sendCommand([session.sessionId, 'echo before the sweep']);
  expect(sent.ok).toBe(true);
  await poll(async () => (await h.history.get(alpha.id)).includes('echo before the sweep'), 'the history');
  await poll(async () => (await h.audit.read()).records.length === 1, 'the command in the audit log');
  await baseline();
  expect([...disk.keys()].sort()).toEqual(['audit/audit.jsonl', 'history.json', 'profiles.json']);
  expect(keychain.map((entry) => entry.account).sort()).toEqual([alpha.id, bravo.id].sort());
}, 240_000);

afterAll(async () => {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (total > 0) {
    console.info(
      `IPC sweep: ${total} bad calls over ${counts.size} channels — ${[...counts].map(([m, n]) => `${m} ${n}`).join(', ')}`,
    );
  }
  await h?.close();
}, 60_000);

describe('every IPC handler under bad input', () => {
  it('covers every channel of the API', () => {
    expect(Object.keys(signatures()).sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
  });

  for (const method of Object.keys(INVOKE_CHANNELS) as InvokeMethod[]) {
    it(`${method}: answers every bad call with a short validation or not-found error, and changes nothing`, async () => {
      await runCases(method);
    }, 60_000);
  }

  it('does not keep a command in the history when the engine refused to send it', async () => {
    // 1,500 euro signs: within the IPC limit (4,096 characters) and the history's (2,000
    // characters), but 4,505 bytes in UTF-8, over the 4,082 bytes of a command packet.
    const command = `echo ${'€'.repeat(1500)}`;
    await baseline();
    const result = await h.handlers.sendCommand([session.sessionId, command]);
    expect(problemWith(result, 'validation')).toBeUndefined();
    expect(server.receivedCommands).not.toContain(command);
    await h.history.flush();
    // BUG: SessionManager.send appends to the history before RconClient.execute checks the size.
    expect(await h.history.get(alpha.id)).not.toContain(command);
    expect(snapshotDisk()).toEqual(disk);
  });

  it('still serves every channel normally afterwards', async () => {
    const ok = async <T>(result: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> => {
      const answer = await result;
      if (!answer.ok) throw new Error(`failed: ${JSON.stringify(answer.error)}`);
      return answer.value;
    };
    const x = h.handlers;
    await expect(ok(x.listProfiles([]))).resolves.toHaveLength(2);
    await expect(ok(x.profilesLoadReport([]))).resolves.toEqual({ ok: true });
    await expect(ok(x.keychainStatus([]))).resolves.toEqual({ available: true });
    await expect(ok(x.listSessions([]))).resolves.toHaveLength(1);
    await expect(ok(x.sendCommand([session.sessionId, 'echo still fine']))).resolves.toMatchObject({
      answerLength: 'still fine'.length,
    });
    await expect(ok(x.reconnectSession([session.sessionId]))).resolves.toMatchObject({ status: 'connected' });
    await poll(
      async () => (await ok(x.getHistory([alpha.id]))).includes('echo still fine'),
      'the command in the history',
    );
    const { id: _id, hasSavedPassword: _saved, ...draft } = alpha;
    await expect(
      ok(x.saveProfile([{ id: alpha.id, profile: { ...draft, group: 'Swept' }, password: { kind: 'keep' } }])),
    ).resolves.toMatchObject({ group: 'Swept', hasSavedPassword: true });
    const copy = await ok(x.duplicateProfile([alpha.id]));
    await expect(ok(x.reorderProfiles([[copy.id, alpha.id, bravo.id]]))).resolves.toHaveLength(3);
    await expect(ok(x.deleteProfile([copy.id]))).resolves.toBeUndefined();
    const second = await ok(x.openSession([{ profileId: bravo.id, password: 'sweep-pw' }]));
    await expect(ok(x.closeSession([second.sessionId]))).resolves.toBeUndefined();
    expect(h.pageErrors).toEqual([]);
  });

  it('rejects a bad call from the page with an ApiError, and the window keeps working', async () => {
    await h.openApp();
    await h.page.locator('[data-testid=profile-row]', { hasText: 'Sweep Alpha' }).waitFor();
    const before = snapshotDisk();
    const attempt = async (request: string) =>
      h.page.evaluate(`window.rconDesk.saveProfile(${request}).then(
        (value) => ({ resolved: value }),
        (error) => ({ name: error?.name, kind: error?.kind, message: error?.message, isError: error instanceof Error }))`);
    const bad = [
      // Wrong types everywhere.
      `{ profile: { name: 42, host: null, port: '27015' }, password: { kind: 'set' } }`,
      // A 10 MiB name.
      `{ profile: { name: 'x'.repeat(${10 * MIB}), host: 'a', port: 1, dialect: 'auto', encoding: 'utf8', group: '', color: '', quickCommands: [], rememberPassword: false }, password: { kind: 'keep' } }`,
      // A prototype-polluting request.
      `JSON.parse('{"__proto__": {"polluted": true}, "profile": {}, "password": {"kind": "keep"}}')`,
    ];
    for (const request of bad) {
      const outcome = (await attempt(request)) as { name: string; kind: string; message: string };
      expect(outcome).toMatchObject({ name: 'ApiError', kind: 'validation' });
      expect(outcome.message.length).toBeGreaterThan(5);
      expect(outcome.message.length).toBeLessThan(300);
    }
    await expect(h.page.evaluate('({}).polluted')).resolves.toBeUndefined();
    // The page and the main side keep working: a normal call, and the UI.
    const names = (await h.page.evaluate(
      'window.rconDesk.listProfiles().then((list) => list.map((p) => p.name))',
    )) as string[];
    expect(names).toEqual(expect.arrayContaining(['Sweep Alpha', 'Sweep Bravo']));
    await h.page.getByTestId('add-profile').click();
    await h.page.getByRole('dialog').waitFor();
    await h.page.keyboard.press('Escape');
    expect(snapshotDisk()).toEqual(before);
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});
