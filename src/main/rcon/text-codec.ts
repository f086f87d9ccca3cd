import { RconRequestError } from './errors';
import type { RconEncoding } from './options';

/** A password or command as bytes in the connection's encoding; refuses what no server could take. */
export function encodeText(text: string, what: 'password' | 'command', encoding: RconEncoding): Buffer {
  if (typeof text !== 'string') throw new RconRequestError(`The ${what} must be text.`);
  if (text.includes('\0')) throw new RconRequestError(`The ${what} cannot contain a NUL character.`);
  return Buffer.from(text, encoding);
}

export function encodeCommand(command: string, encoding: RconEncoding, maxCommandBytes: number): Buffer {
  const body = encodeText(command, 'command', encoding);
  if (body.length > maxCommandBytes) {
    throw new RconRequestError(`The command is ${body.length} bytes long; servers accept at most ${maxCommandBytes}.`);
  }
  return body;
}
