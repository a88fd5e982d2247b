import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, encodePngRgb, pngDataUri } from '../src/io/plot/png.js';
import { colormapRgb, VIRIDIS } from '../src/io/plot/colors.js';

interface Chunk {
  type: string;
  data: Uint8Array;
  crc: number;
  crcInput: Uint8Array;
}

/** Independent PNG chunk parser (big-endian lengths, CRC over type + data). */
function chunks(png: Uint8Array): Chunk[] {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  let p = 8;
  while (p < png.length) {
    const len = v.getUint32(p);
    const type = String.fromCharCode(...png.subarray(p + 4, p + 8));
    out.push({ type, data: png.subarray(p + 8, p + 8 + len), crc: v.getUint32(p + 8 + len), crcInput: png.subarray(p + 4, p + 8 + len) });
    p += 12 + len;
  }
  expect(p).toBe(png.length);
  return out;
}

function decodeRgb(png: Uint8Array): { w: number; h: number; rgb: Uint8Array } {
  const cs = chunks(png);
  const ihdr = new DataView(cs[0].data.buffer, cs[0].data.byteOffset, 13);
  const w = ihdr.getUint32(0);
  const h = ihdr.getUint32(4);
  const idat = Buffer.concat(cs.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = inflateSync(idat);
  expect(raw.length).toBe(h * (3 * w + 1));
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    expect(raw[y * (3 * w + 1)]).toBe(0); // filter type None
    rgb.set(raw.subarray(y * (3 * w + 1) + 1, (y + 1) * (3 * w + 1)), y * 3 * w);
  }
  return { w, h, rgb };
}

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    // CRC-32/ISO-HDLC check value of "123456789" (Williams, "A painless guide to CRC", catalogue)
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });
});

describe('PNG encoder', () => {
  it('writes the signature, IHDR (8-bit RGB), IDAT, IEND with valid CRCs', () => {
    const png = encodePngRgb(3, 2, Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const c of cs) expect(c.crc).toBe(zlibCrc32(c.crcInput));
    expect([...cs[0].data]).toEqual([0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    expect(cs[2].data.length).toBe(0);
    expect([...decodeRgb(png).rgb]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  // fast-check seed 99: random images survive encode → inflate bit-exactly, and encoding is deterministic.
  it('round-trips random images through inflate (fast-check seed 99)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 17 }), fc.integer({ min: 1, max: 9 }), fc.uint8Array({ minLength: 17 * 9 * 3, maxLength: 17 * 9 * 3 }), (w, h, pool) => {
        const rgb = pool.subarray(0, w * h * 3);
        const png = encodePngRgb(w, h, rgb);
        const d = decodeRgb(png);
        return d.w === w && d.h === h && Buffer.from(d.rgb).equals(Buffer.from(rgb)) && Buffer.from(encodePngRgb(w, h, rgb)).equals(Buffer.from(png));
      }),
      { seed: 99, numRuns: 100 },
    );
  });

  it('rejects wrong sizes and makes a data URI', () => {
    expect(() => encodePngRgb(2, 2, new Uint8Array(11))).toThrow(/expected 12 bytes/);
    expect(() => encodePngRgb(0, 2, new Uint8Array(0))).toThrow(/width/);
    expect(pngDataUri(encodePngRgb(1, 1, new Uint8Array(3)))).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
});

describe('viridis table', () => {
  it('has the published end points and midpoint', () => {
    // matplotlib viridis: #440154 (0), #21918c (0.5 → index 128), #fde725 (1)
    expect(colormapRgb('viridis', 0)).toEqual([0x44, 0x01, 0x54]);
    expect(colormapRgb('viridis', 128 / 255)).toEqual([0x21, 0x91, 0x8c]);
    expect(colormapRgb('viridis', 1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(VIRIDIS.length).toBe(768);
  });

  it('is monotonic in luminance (what makes it perceptually ordered and grey-scale safe)', () => {
    // relative luminance with sRGB linearisation (IEC 61966-2-1); must increase strictly over every 4th entry
    const lin = (c: number): number => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    const Y = (i: number): number => 0.2126 * lin(VIRIDIS[3 * i]) + 0.7152 * lin(VIRIDIS[3 * i + 1]) + 0.0722 * lin(VIRIDIS[3 * i + 2]);
    for (let i = 4; i < 256; i += 4) expect(Y(i)).toBeGreaterThan(Y(i - 4));
  });
});
