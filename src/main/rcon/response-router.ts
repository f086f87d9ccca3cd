import type { RconMessage } from './packet';

/** A command's answer, as bytes; the client decodes it with the connection's encoding. */
export interface AssembledResponse {
  body: Buffer;
  packets: number;
}

export type RouteResult =
  /** `body`: the packet's text bytes (a copy the answer keeps), for a caller that streams the answer. */
  | { kind: 'part'; commandId: number; body: Buffer }
  | { kind: 'complete'; commandId: number; response: AssembledResponse }
  | { kind: 'too-large'; commandId: number; bytes: number; limit: 'answer' | 'connection' }
  | { kind: 'unsolicited'; message: RconMessage }
  /** A packet of a command that timed out (see `expire`): its answer arrived after all. */
  | { kind: 'late'; commandId: number; body: Buffer }
  | { kind: 'swallowed' };

interface Assembly {
  sentinelId: number | undefined;
  chunks: Buffer[];
  bytes: number;
}

/** Ids whose late packets must be dropped; bounded so a long session cannot grow it forever. */
class BoundedIdSet {
  private readonly ids = new Set<number>();

  constructor(private readonly capacity: number) {}

  add(id: number): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  delete(id: number): boolean {
    return this.ids.delete(id);
  }
}

const REMEMBERED_IDS = 4096;

/**
 * Sorts incoming packets into the answers of the commands in flight, by request id.
 *
 * A command may have a sentinel: a second request sent right after it whose reply marks the end
 * of the command's answer (servers answer in order). An empty sentinel reply is a Source mirror,
 * which is followed by one more packet with the same id (`00 01 00 00`); that trailer is dropped.
 * Packets of abandoned commands (timed out, too large) are dropped, and packets with ids nobody
 * asked for are handed back as unsolicited server messages, never glued into an answer.
 */
export class ResponseRouter {
  private readonly assemblies = new Map<number, Assembly>();
  private readonly sentinels = new Map<number, number>();
  private readonly trailers = new BoundedIdSet(REMEMBERED_IDS);
  private readonly abandoned = new BoundedIdSet(REMEMBERED_IDS);
  private readonly expired = new BoundedIdSet(REMEMBERED_IDS);

  /** Bytes held by every assembly together. */
  private bufferedBytes = 0;

  constructor(
    private readonly maxResponseBytes: number,
    private readonly maxBufferedBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** Answer bytes held for all commands in flight. */
  get buffered(): number {
    return this.bufferedBytes;
  }

  /** Whether packets with this id could still arrive and be taken for someone's: such an id must not be reused. */
  remembers(id: number): boolean {
    return this.assemblies.has(id) || this.sentinels.has(id) || this.trailers.has(id) || this.abandoned.has(id);
  }

  get inFlight(): number {
    return this.assemblies.size;
  }

  open(commandId: number, sentinelId?: number): void {
    this.assemblies.set(commandId, { sentinelId, chunks: [], bytes: 0 });
    if (sentinelId !== undefined) this.sentinels.set(sentinelId, commandId);
  }

  /** Ends a command's answer without its sentinel (quiet-period mode). */
  finish(commandId: number): AssembledResponse | undefined {
    const assembly = this.assemblies.get(commandId);
    if (!assembly) return undefined;
    this.forget(commandId, assembly);
    return { body: Buffer.concat(assembly.chunks, assembly.bytes), packets: assembly.chunks.length };
  }

  /** Stops assembling a command; anything that still arrives for it is dropped. */
  abandon(commandId: number): void {
    const assembly = this.assemblies.get(commandId);
    this.abandoned.add(commandId);
    if (!assembly) return;
    this.forget(commandId, assembly);
    if (assembly.sentinelId !== undefined) this.abandoned.add(assembly.sentinelId);
  }

  /** Abandons a command that timed out; what still arrives for it is routed as `late`, not dropped. */
  expire(commandId: number): void {
    this.abandon(commandId);
    this.expired.add(commandId);
  }

  /** Marks an id (such as a detection probe's) whose replies should be dropped. */
  ignore(id: number): void {
    this.abandoned.add(id);
  }

  route(message: RconMessage): RouteResult {
    const assembly = this.assemblies.get(message.id);
    if (assembly) {
      const bytes = assembly.bytes + message.body.length;
      const overAnswer = bytes > this.maxResponseBytes;
      if (overAnswer || this.bufferedBytes + message.body.length > this.maxBufferedBytes) {
        this.abandon(message.id);
        return { kind: 'too-large', commandId: message.id, bytes, limit: overAnswer ? 'answer' : 'connection' };
      }
      assembly.bytes = bytes;
      this.bufferedBytes += message.body.length;
      // A copy: the body is a view into the socket's chunk, which a server that interleaves answers
      // fills with other commands' packets; holding the view would keep all of them alive.
      const body = Buffer.from(message.body);
      assembly.chunks.push(body);
      return { kind: 'part', commandId: message.id, body };
    }
    const commandId = this.sentinels.get(message.id);
    if (commandId !== undefined) {
      if (message.body.length === 0) this.trailers.add(message.id);
      const response = this.finish(commandId);
      if (response) return { kind: 'complete', commandId, response };
      return { kind: 'swallowed' };
    }
    if (this.expired.has(message.id) && message.body.length > 0) {
      return { kind: 'late', commandId: message.id, body: message.body };
    }
    if (this.trailers.delete(message.id) || this.abandoned.has(message.id)) return { kind: 'swallowed' };
    return { kind: 'unsolicited', message };
  }

  /** Drops every command in flight, returning their ids (the connection is gone). */
  clear(): number[] {
    const ids = [...this.assemblies.keys()];
    this.assemblies.clear();
    this.sentinels.clear();
    this.bufferedBytes = 0;
    return ids;
  }

  private forget(commandId: number, assembly: Assembly): void {
    this.assemblies.delete(commandId);
    this.bufferedBytes -= assembly.bytes;
    if (assembly.sentinelId !== undefined) this.sentinels.delete(assembly.sentinelId);
  }
}
