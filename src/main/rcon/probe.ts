import { AUTH_FAILED_ID, PacketType, type RconMessage } from './packet';

const UNKNOWN_REQUEST = Buffer.from('Unknown request');

/** How a server marks the end of an answer, as told by its reply to the probe (an empty RESPONSE_VALUE). */
export type ProbeFinding =
  | { kind: 'source'; evidence: 'mirror' }
  | { kind: 'minecraft'; evidence: 'unknown-request' }
  | { kind: 'source'; evidence: 'other-reply' };

/** True when `body` is Minecraft's `Unknown request <type>` reply to a packet type it does not know. */
export function isUnknownRequest(body: Buffer): boolean {
  return body.subarray(0, UNKNOWN_REQUEST.length).equals(UNKNOWN_REQUEST);
}

/** Reads the reply to the probe: Source mirrors it empty, Minecraft calls it an unknown request. */
export function classifyProbeReply(reply: RconMessage): ProbeFinding {
  if (reply.body.length === 0) return { kind: 'source', evidence: 'mirror' };
  if (isUnknownRequest(reply.body)) return { kind: 'minecraft', evidence: 'unknown-request' };
  return { kind: 'source', evidence: 'other-reply' };
}

/**
 * Whether a packet that arrives while the probe waits, with an id other than the probe's, is the
 * probe's reply from a server that does not echo ids (Palworld answers everything with id 0).
 * A chat line pushed meanwhile is neither empty nor `Unknown request`, so it stays a server message,
 * unless the login already showed that ids are not echoed.
 */
export function isUnechoedProbeReply(message: RconMessage, loginEchoedId: boolean | undefined): boolean {
  if (message.type !== PacketType.RESPONSE_VALUE || message.id === AUTH_FAILED_ID) return false;
  if (loginEchoedId === false) return true;
  return message.body.length === 0 || isUnknownRequest(message.body);
}

/**
 * While exactly one login is in flight, any AUTH_RESPONSE answers it, as python-valve accepts it:
 * id -1 means a wrong password, any other id a success (Palworld and gorcon's test server answer 0).
 */
export function isLoginReply(message: RconMessage): boolean {
  return message.type === PacketType.AUTH_RESPONSE;
}
