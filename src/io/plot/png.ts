/**
 * A minimal PNG encoder (8-bit RGB, no interlace) for images embedded in SVG figures.
 *
 * PNG (ISO/IEC 15948, W3C PNG 2nd ed.): 8-byte signature, then chunks `length (u32 BE) · type ·
 * data · CRC-32 (over type + data)`: IHDR (width, height, bit depth 8, colour type 2 = RGB,
 * compression 0, filter 0, interlace 0), one IDAT holding the zlib stream of the scanlines (each
 * prefixed by filter type 0 = None), IEND. CRC-32 is the ISO 3309 / ITU-T V.42 polynomial
 * 0xEDB88320 (reflected). Compression is node:zlib deflate at level 9: the bytes are identical for
 * identical pixels with the same zlib build (Node pins its zlib per release).
 */
import { deflateSync } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32 (ISO 3309, as used by PNG and zlib's crc32) of `bytes`.
 *
 * @example crc32(new TextEncoder().encode('123456789')) === 0xcbf43926
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * Encode an 8-bit RGB image as PNG bytes.
 *
 * @param rgb `height` rows of `width` pixels, 3 bytes (r, g, b) each, row 0 at the top
 */
export function encodePngRgb(width: number, height: number, rgb: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(width) || width < 1 || width > 0x7fffffff) throw new Error(`png: width ${width} must be a positive integer`);
  if (!Number.isSafeInteger(height) || height < 1 || height > 0x7fffffff) throw new Error(`png: height ${height} must be a positive integer`);
  if (rgb.length !== width * height * 3) throw new Error(`png: expected ${width * height * 3} bytes of RGB, got ${rgb.length}`);
  const ihdr = new Uint8Array(13);
  const hv = new DataView(ihdr.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 3;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: None
    raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const idat = new Uint8Array(deflateSync(raw, { level: 9 }));
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** `data:image/png;base64,…` URI of PNG bytes, for `<image href>` in SVG. */
export function pngDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64')}`;
}
