/**
 * Failed logins per remote address and the addresses banned for them, like Source's
 * "Banning ... for rcon hacking attempts". A successful login does not forgive earlier failures.
 */
export class BanList {
  private readonly failures = new Map<string, number>();
  private readonly banned = new Set<string>();

  /** `limit` failures get an address banned; 0 never bans. */
  constructor(private readonly limit: number) {}

  isBanned(address: string): boolean {
    return this.banned.has(address);
  }

  failuresOf(address: string): number {
    return this.failures.get(address) ?? 0;
  }

  /** Counts one failed login; returns true when this failure is the one that bans the address. */
  recordFailure(address: string): boolean {
    const count = this.failuresOf(address) + 1;
    this.failures.set(address, count);
    if (this.limit > 0 && count >= this.limit && !this.banned.has(address)) {
      this.banned.add(address);
      return true;
    }
    return false;
  }

  get addresses(): string[] {
    return [...this.banned];
  }

  /** Forgets the bans and failures of one address, or of all of them. */
  clear(address?: string): void {
    if (address === undefined) {
      this.failures.clear();
      this.banned.clear();
    } else {
      this.failures.delete(address);
      this.banned.delete(address);
    }
  }
}
