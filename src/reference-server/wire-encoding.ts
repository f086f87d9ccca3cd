import type { RconMessage } from '../main/rcon/packet';
import type { Personality } from './personalities';

/**
 * The bytes of one packet as this server writes them: normally the spec's layout, but a
 * personality may miscount the size field (Palworld) and a fault may drop the second NUL.
 */
export function encodeForWire(message: RconMessage, personality: Personality, singleNul: boolean): Buffer {
  const bytes = personality.encode ? personality.encode(message) : message.encode();
  if (!singleNul) return bytes;
  const shortened = Buffer.from(bytes.subarray(0, bytes.length - 1));
  shortened.writeInt32LE(bytes.readInt32LE(0) - 1, 0);
  return shortened;
}
