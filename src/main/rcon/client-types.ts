import type { RconMessage } from './packet';
import type { RconError } from './errors';

export type RconStatus = 'idle' | 'connecting' | 'connected' | 'authenticating' | 'ready' | 'closed';

/** A command's whole answer. `text` never throws on bad bytes (they become U+FFFD); `body` keeps them. */
export interface RconResponse {
  text: string;
  body: Buffer;
  packets: number;
}

/** A packet the server sent without being asked (chat, logs). */
export interface ServerMessage {
  id: number;
  type: number;
  text: string;
  body: Buffer;
}

export interface ExecuteOptions {
  timeoutMs?: number;
}

export interface RconClientEvents {
  status: [status: RconStatus];
  message: [message: ServerMessage];
  /** Emitted once per connection; the error is undefined when close() was called. */
  close: [error: RconError | undefined];
  /** Part of the answer to a command that already timed out, as it arrives. */
  late: [late: LateAnswer];
}

export interface LateAnswer {
  command: string;
  text: string;
}

export interface PendingCommand {
  id: number;
  /** The command's text, to name a late answer after a timeout. */
  command: string;
  packets: Buffer;
  timeoutMs: number;
  /** Sent without a sentinel: the answer ends after a silence that follows its first packet. */
  endsOnSilence: boolean;
  resolve: (response: RconResponse) => void;
  reject: (error: RconError) => void;
  timer?: NodeJS.Timeout;
  quietTimer?: NodeJS.Timeout;
}

export interface PendingReply {
  id: number;
  resolve: (message: RconMessage) => void;
  reject: (error: RconError) => void;
}
