import type { RconMessage } from './packet';
import type { RconError } from './errors';
import type { AnswerStream } from './answer-stream';

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
  /**
   * Called with the answer's text while it arrives, once it is long: parts of at least
   * `streamPartChars` (64 Ki) characters ending at a line end (answer-stream.ts). The resolved text
   * is still the whole answer, and starts with the parts in order; what follows them is the
   * answer's last part. A short answer calls nothing. Protocols that cannot stream ignore it.
   */
  onPart?: (text: string) => void;
  /** Size of the parts given to onPart, in UTF-16 code units. */
  streamPartChars?: number;
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
  /** Set when the caller takes the answer in parts as it arrives (ExecuteOptions.onPart). */
  stream?: AnswerStream;
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
