import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeNpy, encodeNpy, npyHeader } from '../src/io/npy.js';

const ascii = (b: Uint8Array): string => String.fromCharCode(...b);

describe('npy v1.0 byte layout (numpy.lib.format spec, checked by hand)', () => {
  it('writes magic, version, little-endian header length, the dict, space padding and \\n to 64 bytes', () => {
    const bytes = encodeNpy({ data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] });
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLen = bytes[8] | (bytes[9] << 8);
    expect((10 + headerLen) % 64).toBe(0);
    const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    const header = ascii(bytes.subarray(10, 10 + headerLen));
    expect(header).toBe(dict + ' '.repeat(headerLen - dict.length - 1) + '\n');
    expect(headerLen).toBe(118); // 10 + 59 + 1 = 70 → padded to 128
    expect(bytes.length).toBe(128 + 6 * 8);
    // data: C order, little-endian IEEE-754; 1.0 = 0x3FF0000000000000
    expect([...bytes.subarray(128, 136)]).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
  });

  it('spells 1-d and 0-d shapes as Python tuples', () => {
    expect(ascii(npyHeader('<i4', [5]))).toContain("'shape': (5,), }");
    expect(ascii(npyHeader('|u1', []))).toContain("'descr': '|u1', 'fortran_order': False, 'shape': (), }");
    for (const shape of [[], [1], [10, 20], [3, 4, 5, 6]]) expect(npyHeader('<f4', shape).length % 64).toBe(0);
  });

  it('rejects shape/data mismatches and unsupported input', () => {
    expect(() => encodeNpy({ data: new Float64Array(5), shape: [2, 3] })).toThrow(/holds 6 elements but data has 5/);
    expect(() => encodeNpy({ data: new Float64Array(0), shape: [-1] })).toThrow(/non-negative integer/);
    expect(() => encodeNpy({ data: new Int16Array(2) as unknown as Float64Array })).toThrow(/Float64Array/);
    expect(() => decodeNpy(new Uint8Array(20))).toThrow(/magic/);
    const good = encodeNpy({ data: new Float32Array([1, 2]) });
    expect(() => decodeNpy(good.subarray(0, good.length - 1))).toThrow(/expected 8 data bytes/);
  });
});

describe('npy round trip', () => {
  it('round-trips all four dtypes with their shapes', () => {
    const cases = [
      { data: new Float64Array([Math.PI, -0, NaN, Infinity, 5e-324, -1.7976931348623157e308]), shape: [3, 2] },
      { data: new Float32Array([1.5, -2.25, 3e-38, NaN]), shape: [2, 2] },
      { data: new Int32Array([-2147483648, 0, 2147483647]), shape: [3] },
      { data: new Uint8Array([0, 127, 255, 1, 2, 3, 4, 5]), shape: [2, 2, 2] },
    ];
    for (const c of cases) {
      const back = decodeNpy(encodeNpy(c));
      expect(back.shape).toEqual(c.shape);
      expect(back.data.constructor).toBe(c.data.constructor);
      expect([...back.data].every((x, i) => Object.is(x, c.data[i]))).toBe(true);
    }
  });

  it('writes a view of a larger buffer (byteOffset ≠ 0) correctly', () => {
    const big = new Float64Array([9, 1, 2, 3, 9]);
    const back = decodeNpy(encodeNpy({ data: big.subarray(1, 4) }));
    expect([...back.data]).toEqual([1, 2, 3]);
  });

  // fast-check seed 777: any float64 matrix survives encode → decode bit-exactly.
  it('round-trips random float64 matrices (fast-check seed 777)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 }), fc.array(fc.double(), { minLength: 49, maxLength: 49 }), (r, c, pool) => {
        const data = new Float64Array(pool.slice(0, r * c));
        const back = decodeNpy(encodeNpy({ data, shape: [r, c] }));
        return back.shape[0] === r && back.shape[1] === c && [...back.data].every((x, i) => Object.is(x, data[i]));
      }),
      { seed: 777, numRuns: 200 },
    );
  });
});

const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
const hasNumpy = numpy.status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'seisim-npy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!hasNumpy)(`npy against NumPy${hasNumpy ? '' : ' (skipped: python3 with numpy is not installed)'}`, () => {
  it('numpy.load reads our files with the right dtype, shape and values', () => {
    const arrays = {
      f8: { data: new Float64Array([0.1, -2.5e-9, 3, 4, 5, 6]), shape: [2, 3] },
      f4: { data: new Float32Array([1.5, 2.5, 3.5]), shape: [3] },
      i4: { data: new Int32Array([-7, 0, 7, 2147483647]), shape: [2, 2] },
      u1: { data: new Uint8Array([0, 128, 255, 1, 2, 3]), shape: [1, 2, 3] },
    };
    for (const [k, a] of Object.entries(arrays)) writeFileSync(join(tmp, `${k}.npy`), encodeNpy(a));
    const py = `
import json, sys, numpy as np
out = {}
for k in ['f8', 'f4', 'i4', 'u1']:
    a = np.load(sys.argv[1] + '/' + k + '.npy', allow_pickle=False)
    out[k] = {'dtype': a.dtype.str, 'shape': list(a.shape), 'values': [float(x) for x in a.ravel(order='C')], 'c': bool(a.flags['C_CONTIGUOUS'])}
print(json.dumps(out))
`;
    const r = spawnSync('python3', ['-c', py, tmp], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, { dtype: string; shape: number[]; values: number[]; c: boolean }>;
    expect(out.f8).toEqual({ dtype: '<f8', shape: [2, 3], values: [0.1, -2.5e-9, 3, 4, 5, 6], c: true });
    expect(out.f4).toEqual({ dtype: '<f4', shape: [3], values: [1.5, 2.5, 3.5], c: true });
    expect(out.i4).toEqual({ dtype: '<i4', shape: [2, 2], values: [-7, 0, 7, 2147483647], c: true });
    expect(out.u1).toEqual({ dtype: '|u1', shape: [1, 2, 3], values: [0, 128, 255, 1, 2, 3], c: true });
  });

  it('we read files written by numpy.save (which adds growth padding)', () => {
    const py = `
import sys, numpy as np
np.save(sys.argv[1] + '/np_f8.npy', np.arange(12, dtype='<f8').reshape(3, 4) / 7)
np.save(sys.argv[1] + '/np_i4.npy', np.array([[-1, 2], [3, -4]], dtype='<i4'))
`;
    const r = spawnSync('python3', ['-c', py, tmp], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const f8 = decodeNpy(readFileSync(join(tmp, 'np_f8.npy')));
    expect(f8.shape).toEqual([3, 4]);
    expect([...f8.data]).toEqual(Array.from({ length: 12 }, (_, i) => i / 7));
    const i4 = decodeNpy(readFileSync(join(tmp, 'np_i4.npy')));
    expect(i4.dtype).toBe('<i4');
    expect([...i4.data]).toEqual([-1, 2, 3, -4]);
  });
});

describe('npyFromNdarray: strided views become C-order arrays', () => {
  it('passes a contiguous array through and copies a transposed / stepped view', async () => {
    const { default: ndarray } = await import('ndarray');
    const { npyFromNdarray, encodeNpy, decodeNpy } = await import('../src/io/npy.js');
    const a = ndarray(Float64Array.from({ length: 12 }, (_, i) => i), [3, 4]);
    expect(npyFromNdarray(a).data).toBe(a.data);
    const t = npyFromNdarray(a.transpose(1, 0));
    expect(t.shape).toEqual([4, 3]);
    expect(Array.from(t.data)).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    const s = npyFromNdarray(a.step(2, 3));
    expect(s.shape).toEqual([2, 2]);
    expect(Array.from(s.data)).toEqual([0, 3, 8, 11]);
    expect(Array.from(decodeNpy(encodeNpy(t)).data)).toEqual(Array.from(t.data));
  });
});
