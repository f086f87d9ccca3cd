/**
 * Commands that stop or restart a server. Sent to many servers at once by mistake, they take a
 * whole fleet down, so the broadcast view always asks a second, explicit confirmation for them.
 */
export const DESTRUCTIVE_COMMANDS: readonly string[] = [
  'quit', // Source, Rust
  'exit', // Source, 7 Days to Die
  'stop', // Minecraft
  'restart', // Rust, many mods
  '_restart', // Source
  'shutdown', // 7 Days to Die, Squad
  'killserver', // Source
  'doexit', // ARK
  'server.stop', // Rust (Oxide)
  'restartserver', // Squad/Conan plugins
  '#shutdown', // BattlEye (Arma, DayZ)
  '#restart', // BattlEye
  '#restartserver', // BattlEye
];

const DESTRUCTIVE = new Set(DESTRUCTIVE_COMMANDS);

/**
 * Whether `command` stops or restarts a server: its first word (ignoring case and a leading `/`
 * as typed in chat-style consoles) is one of DESTRUCTIVE_COMMANDS.
 */
export function isDestructiveCommand(command: string): boolean {
  const first = command.trim().split(/\s+/, 1)[0] ?? '';
  const word = first.toLowerCase().replace(/^\/+/, '');
  return word !== '' && DESTRUCTIVE.has(word);
}
