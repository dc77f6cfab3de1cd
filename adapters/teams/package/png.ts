/**
 * The app icons, drawn in code: Teams wants a 192×192 colour icon and a 32×32 white-on-transparent
 * outline. The motif is a patch panel — two rows of jacks joined by a cord.
 */
import { deflateSync } from "node:zlib";
import { crc32 } from "./zip.ts";

type Rgba = [number, number, number, number];

/** Encodes RGBA pixels (row-major) as a PNG. */
export function encodePng(width: number, height: number, pixels: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "ascii");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Draws the motif at a size: `ink` on `background`, with 4× supersampling for smooth edges. */
function drawIcon(size: number, background: Rgba, ink: Rgba): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const jacks = [0.3, 0.5, 0.7].flatMap((x) => [0.36, 0.64].map((y) => [x, y] as const));
  const inside = (x: number, y: number) =>
    jacks.some(([cx, cy]) => Math.hypot(x - cx, y - cy) < 0.075) ||
    // The cord: from the top-left jack down to the bottom-right one.
    (Math.abs(y - 0.36 - ((x - 0.3) * (0.64 - 0.36)) / 0.4) < 0.025 && x > 0.3 && x < 0.7);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let s = 0; s < 16; s++) if (inside((px + ((s % 4) + 0.5) / 4) / size, (py + (Math.floor(s / 4) + 0.5) / 4) / size)) hits++;
      const a = hits / 16;
      const o = (py * size + px) * 4;
      for (let c = 0; c < 4; c++) pixels[o + c] = Math.round(ink[c]! * a + background[c]! * (1 - a));
    }
  }
  return pixels;
}

/** The two icons of the app package. */
export function makeIcons(): { color: Buffer; outline: Buffer } {
  return {
    color: encodePng(192, 192, drawIcon(192, [0x2b, 0x57, 0x97, 255], [255, 255, 255, 255])),
    outline: encodePng(32, 32, drawIcon(32, [255, 255, 255, 0], [255, 255, 255, 255])),
  };
}
