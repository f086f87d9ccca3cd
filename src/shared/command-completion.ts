import { gamePreset, type GameId } from './game-presets';

/**
 * Names from a Source `cvarlist` answer. Its lines read `name   : value : , "flags" : description`,
 * framed by a "cvar list" header, dashes and a "N total convars/concommands" footer, none of which
 * has a word followed by " : ".
 */
export function parseCvarList(text: string): string[] {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([^\s:]+)\s+:(?:\s|$)/.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names];
}

/**
 * Names from a `help` or `find` answer: Minecraft's `help` lists one `/name …` a line, Source's
 * `help NAME` and `find TEXT` start each entry with the quoted name (`"sv_cheats" = "0" …`).
 */
export function parseHelpNames(text: string): string[] {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\/([A-Za-z0-9_.:-]+)(?:\s|$)/.exec(line) ?? /^"([^"\s]+)"(?:\s|$)/.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names];
}

/** Whether the answer to `command` lists server names (a cvarlist, a help or a find). */
export function listsServerNames(command: string): boolean {
  return /^\/?(cvarlist|help|find)(\s|$)/i.test(command.trim());
}

/** The commands a game preset knows by name (listing players, kicking, banning, messaging, chat). */
export function presetCommandNames(game: GameId | undefined): string[] {
  if (game === undefined) return [];
  const preset = gamePreset(game);
  const commands = preset.playerCommands;
  const templates = [
    ...(commands
      ? [commands.list.command, ...(commands.kick ?? []), ...(commands.ban ?? []), ...(commands.message ?? [])]
      : []),
    ...(preset.chatPollCommand ? [preset.chatPollCommand] : []),
    ...(preset.spacesCutCommands ?? []),
  ];
  return [...new Set(templates.map((template) => template.split(/\s+/, 1)[0] ?? '').filter((name) => name !== ''))];
}

/** The longest start the candidates share, ignoring case; spelled as the first candidate spells it. */
export function commonPrefix(candidates: readonly string[]): string {
  const first = candidates[0] ?? '';
  let length = first.length;
  for (const candidate of candidates.slice(1)) {
    let same = 0;
    while (same < length && same < candidate.length && candidate[same]!.toLowerCase() === first[same]!.toLowerCase()) {
      same += 1;
    }
    length = same;
  }
  return first.slice(0, length);
}

/** What readline's completer returns: the candidates, and the text they would replace. */
export type Completion = [candidates: string[], replacing: string];

/** Commands that take a server command or variable name as their first argument. */
const NAME_TAKING_COMMANDS = new Set(['help', 'find']);

/**
 * Completes the shell's own `!` commands, and the server's command and variable names once a
 * cvarlist has been read. Matching ignores case because Source does.
 */
export class CommandCompleter {
  private serverNames: string[] = [];

  constructor(private readonly shellCommands: readonly string[]) {}

  /** Replaces the known server names (a new connection can be a different game). */
  setServerNames(names: Iterable<string>): void {
    this.serverNames = [...new Set(names)].sort();
  }

  get serverNameCount(): number {
    return this.serverNames.length;
  }

  complete(line: string): Completion {
    const leadingSpace = /^\s*/.exec(line)?.[0] ?? '';
    const words = line.slice(leadingSpace.length).split(/\s+/);
    const first = words[0] ?? '';
    if (words.length === 1) {
      if (first === '') return [[...this.shellCommands, ...this.serverNames], ''];
      if (first.startsWith('!')) return [matching(this.shellCommands, first), first];
      return [matching(this.serverNames, first), first];
    }
    if (words.length === 2 && NAME_TAKING_COMMANDS.has(first.toLowerCase())) {
      const partial = words[1] ?? '';
      return [matching(this.serverNames, partial), partial];
    }
    return [[], ''];
  }
}

function matching(names: readonly string[], prefix: string): string[] {
  const wanted = prefix.toLowerCase();
  return names.filter((name) => name.toLowerCase().startsWith(wanted));
}
