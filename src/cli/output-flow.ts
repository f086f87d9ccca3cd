/**
 * Writes server text to stdout and stderr with backpressure: when a stream's buffer is full (a
 * slow pipe reader, a paused terminal), reading from the server pauses until it drains. Without
 * it, `rcon … | slow-reader` buffered everything the server sent, to gigabytes.
 */
export class OutputFlow {
  private readonly waiting = new Set<NodeJS.WritableStream>();
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
  ) {}

  write(stream: NodeJS.WritableStream, text: string): void {
    if (stream.write(text) || this.waiting.has(stream)) return;
    this.waiting.add(stream);
    if (this.waiting.size === 1) this.pause();
    stream.once('drain', () => {
      this.waiting.delete(stream);
      if (this.waiting.size > 0) return;
      this.resume();
      for (const resolve of this.drainWaiters.splice(0)) resolve();
    });
  }

  /** Resolves once every stream written through this flow has drained. */
  drained(): Promise<void> {
    if (this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }
}
