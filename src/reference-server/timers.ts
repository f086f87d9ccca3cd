/**
 * The pending waits of one connection. Cancelling resolves every wait at once, so nothing
 * keeps the process (or a test worker) alive after the socket is gone; callers check their
 * own closed flag after each wait.
 */
export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private cancelled = false;

  sleep(ms: number): Promise<void> {
    if (this.cancelled || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }

  cancelAll(): void {
    this.cancelled = true;
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}
