import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

/**
 * Draws build/icon.png (512×512): a terminal prompt on a dark rounded square. Kept as code so the
 * icon can be regenerated or changed without an image editor. Run: npx tsx scripts/make-icon.ts
 */
const SIZE = 512;
const BACKGROUND = [17, 24, 39];
const PROMPT = [34, 197, 94];

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Distance from point p to segment ab. */
function segment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function roundedSquare(x: number, y: number): number {
  const radius = 96;
  const inset = 16;
  const qx = Math.max(Math.abs(x - SIZE / 2) - (SIZE / 2 - inset - radius), 0);
  const qy = Math.max(Math.abs(y - SIZE / 2) - (SIZE / 2 - inset - radius), 0);
  return Math.hypot(qx, qy) - radius;
}

const rows: Buffer[] = [];
for (let y = 0; y < SIZE; y += 1) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let x = 0; x < SIZE; x += 1) {
    const cx = x + 0.5;
    const cy = y + 0.5;
    const shape = Math.min(1, Math.max(0, 0.5 - roundedSquare(cx, cy)));
    const stroke = Math.min(
      segment(cx, cy, 136, 176, 236, 256),
      segment(cx, cy, 236, 256, 136, 336),
      segment(cx, cy, 270, 340, 380, 340),
    );
    const ink = Math.min(1, Math.max(0, 22 - stroke));
    const colour = BACKGROUND.map((b, i) => Math.round(b + (PROMPT[i]! - b) * ink));
    row.set([...colour, Math.round(shape * 255)], 1 + x * 4);
  }
  rows.push(row);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows))),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync('build/icon.png', png);
