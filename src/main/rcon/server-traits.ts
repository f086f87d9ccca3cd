import type { DetectedDialect } from './options';
import type { RconMessage } from './packet';
import { classifyProbeReply, isUnechoedProbeReply, type ProbeFinding } from './probe';

/**
 * What one connection has learnt about its server: how answers end (the dialect) and whether they
 * carry their request's id. Learnt from the login's answer and from the probe sent after it.
 */
export class ServerTraits {
  private detected: DetectedDialect | undefined;
  private idsEchoed: boolean | undefined;
  private finding: ProbeFinding | undefined;
  /** The probe's id after it timed out: a late mirror means a slow Source server, not a quiet one. */
  private lateProbeId: number | undefined;

  get dialect(): DetectedDialect | undefined {
    return this.detected;
  }

  get echoesIds(): boolean | undefined {
    return this.idsEchoed;
  }

  get probe(): ProbeFinding | undefined {
    return this.finding;
  }

  /**
   * No end marker, or answers that cannot be told apart by id: commands go one at a time, so a
   * silence, or any packet, can only belong to the one command in flight.
   */
  get oneAtATime(): boolean {
    return this.detected === 'quiet' || this.idsEchoed === false;
  }

  loginAnswered(replyId: number, requestId: number): void {
    this.idsEchoed = replyId === requestId;
  }

  /** The user chose the dialect: no probe. */
  chosen(dialect: DetectedDialect): void {
    this.detected = dialect;
  }

  /** Whether a packet that arrives while the probe waits is its reply. */
  isProbeReply(message: RconMessage, probeId: number): boolean {
    return message.id === probeId || isUnechoedProbeReply(message, this.idsEchoed);
  }

  probeAnswered(reply: RconMessage, probeId: number): void {
    this.finding = classifyProbeReply(reply);
    this.detected = this.finding.kind;
    if (reply.id !== probeId) this.idsEchoed = false;
  }

  probeUnanswered(probeId: number): void {
    this.detected = 'quiet';
    this.lateProbeId = probeId;
  }

  /**
   * True when `message` is the probe's reply arriving after the wait, which it consumes: the server
   * is slow, not quiet, and commands from now on use its end marker again.
   */
  takeLateProbeReply(message: RconMessage): boolean {
    if (this.lateProbeId === undefined || message.id !== this.lateProbeId) return false;
    this.lateProbeId = undefined;
    if (this.detected === 'quiet') this.probeAnswered(message, message.id);
    return true;
  }
}
