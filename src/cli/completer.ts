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
