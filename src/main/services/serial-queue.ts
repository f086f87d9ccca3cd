/**
 * Runs tasks one after another. A store's read-modify-write steps (keychain call, file write,
 * swap of the in-memory copy) must not interleave with another save's.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // A failed task must not stop the ones queued after it.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
