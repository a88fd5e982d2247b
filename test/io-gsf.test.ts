import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeGsf, encodeGsf } from '../src/io/gsf.js';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('gsf byte layout (Gwyddion user guide, "Simple Field Files")', () => {
  it('writes the magic line, Key = Value header, 1–4 NULs to a multiple of 4, then float32 LE rows', () => {
    const bytes = encodeGsf({ data: [1, 2, 3, 4, 5, 6], xRes: 3, yRes: 2, xReal: 3e-6, yReal: 2e-6, zUnits: 'm', title: 'Height' });
    const header =
      'Gwyddion Simple Field 1.0\n' +
      'XRes = 3\nYRes = 2\nXReal = 0.000003\nYReal = 0.000002\nXOffset = 0\nYOffset = 0\nXYUnits = m\nZUnits = m\nTitle = Height\n';
    expect(text(bytes.subarray(0, header.length))).toBe(header);
    const pad = 4 - (header.length % 4);
    expect(pad).toBeGreaterThanOrEqual(1);
    expect(pad).toBeLessThanOrEqual(4);
    expect([...bytes.subarray(header.length, header.length + pad)]).toEqual(new Array(pad).fill(0));
    const off = header.length + pad;
    expect(off % 4).toBe(0);
    expect(bytes.length).toBe(off + 6 * 4);
    // 1.0f = 0x3F800000 little-endian; row 0 = [1, 2, 3] comes first
    expect([...bytes.subarray(off, off + 4)]).toEqual([0, 0, 0x80, 0x3f]);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getFloat32(off + 3 * 4, true)).toBe(4);
  });

  it('pads with 4 NULs when the header is already a multiple of 4, and 1–3 otherwise', () => {
    const pads = new Set<number>();
    for (let n = 1; n <= 8; n++) {
      const bytes = encodeGsf({ data: [0], xRes: 1, yRes: 1, xReal: 1, yReal: 1, zUnits: 'Pa', title: 'T'.repeat(n) });
      const nul = bytes.indexOf(0);
      const pad = bytes.length - 4 - nul;
      expect(pad).toBe(4 - (nul % 4));
      expect((nul + pad) % 4).toBe(0);
      pads.add(pad);
    }
    expect([...pads].sort()).toEqual([1, 2, 3, 4]);
  });

  it('rejects non-finite values, wrong sizes and multi-line header values', () => {
    const base = { xRes: 2, yRes: 1, xReal: 1e-6, yReal: 1e-6, zUnits: 'm' };
    expect(() => encodeGsf({ ...base, data: [0, NaN] })).toThrow(/row 0, column 1 is not finite/);
    expect(() => encodeGsf({ ...base, data: [0] })).toThrow(/expected xRes × yRes/);
    expect(() => encodeGsf({ ...base, data: [0, 0], title: 'a\nb' })).toThrow(/one trimmed line/);
    expect(() => encodeGsf({ ...base, data: [0, 0], xReal: 0 })).toThrow(/xReal = 0/);
    expect(() => encodeGsf({ ...base, data: [0, 0], extra: { XRes: 1 } })).toThrow(/duplicates/);
    expect(() => decodeGsf(new TextEncoder().encode('Gwyddion Simple Field 1.0\nXRes = 2\nYRes = 2\n\0\0\0'))).toThrow(/expected 16 data bytes/);
  });
});

describe('gsf round trip', () => {
  it('keeps sizes, offsets, units, title and extra fields', () => {
    const g = decodeGsf(
      encodeGsf({
        data: [0, 1e-9, 2e-9, 3e-9],
        xRes: 2,
        yRes: 2,
        xReal: 5e-7,
        yReal: 2.5e-7,
        xOffset: 1e-6,
        yOffset: -1e-6,
        zUnits: 'm',
        title: 'Height – truth',
        extra: { Seed: '42', DwellTime: 0.001 },
      }),
    );
    expect([g.xRes, g.yRes, g.xReal, g.yReal, g.xOffset, g.yOffset, g.xyUnits, g.zUnits, g.title]).toEqual([
      2, 2, 5e-7, 2.5e-7, 1e-6, -1e-6, 'm', 'm', 'Height – truth',
    ]);
    expect(g.header.get('DwellTime')).toBe('0.001');
    expect([...g.data]).toEqual([0, 1e-9, 2e-9, 3e-9].map(Math.fround));
  });

  // fast-check seed 2024: random fields round-trip to float32 precision (Math.fround is exact float32 rounding).
  it('round-trips random fields to float32 rounding (fast-check seed 2024)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.double({ min: -1e30, max: 1e30, noNaN: true }), { minLength: 81, maxLength: 81 }),
        fc.string({ maxLength: 12 }).map((s) => s.replace(/[\n\r\0]/g, '').trim()),
        (xRes, yRes, pool, title) => {
          const data = pool.slice(0, xRes * yRes);
          const g = decodeGsf(encodeGsf({ data, xRes, yRes, xReal: 1e-6, yReal: 2e-6, zUnits: 'Pa', title }));
          return g.xRes === xRes && g.yRes === yRes && g.title === title && data.every((v, i) => Object.is(Math.fround(v), g.data[i]));
        },
      ),
      { seed: 2024, numRuns: 200 },
    );
  });
});
