import { gamePreset, type GameId } from '../../shared/game-presets';
import type { RemoteConsole } from '../protocol/remote-console';

/**
 * Polls a server for chat that it does not push (ARK's `getchat` returns each new line once), and
 * hands every non-empty answer on. One poll at a time: the next is scheduled only after the last
 * one answered or failed, so a slow server is never asked twice at once.
 */
export class ChatPoller {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly poll: () => Promise<string>,
    private readonly onText: (text: string) => void,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll().then(
        (text) => {
          if (!this.stopped && text.trim() !== '') this.onText(text);
          this.schedule();
        },
        // A poll that fails (a timeout, a lost connection) is not the admin's command: the session
        // notices a lost connection on its own, and polling goes on while it lives.
        () => this.schedule(),
      );
    }, this.intervalMs);
  }
}

/**
 * Polls the chat of a game that keeps it until asked (its preset's chatPollCommand) over `client`,
 * for as long as the client is open; does nothing for other games.
 */
export function pollGameChat(
  game: GameId | undefined,
  client: RemoteConsole,
  onText: (text: string) => void,
  intervalMs: number,
): void {
  const command = game ? gamePreset(game).chatPollCommand : undefined;
  if (!command) return;
  const poller = new ChatPoller(() => client.execute(command), onText, intervalMs);
  client.on('close', () => poller.stop());
  poller.start();
}
