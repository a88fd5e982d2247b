/**
 * NumPy `.npy` files (format version 1.0) for large numeric arrays of the run directory.
 *
 * Layout (NumPy Enhancement Proposal NEP 1 / `numpy.lib.format` documentation):
 * ```
 * bytes 0–5   magic  \x93NUMPY
 * byte  6     major version (1)
 * byte  7     minor version (0)
 * bytes 8–9   HEADER_LEN, uint16 little-endian
 * bytes 10…   header: ASCII Python dict literal
 *             {'descr': '<f8', 'fortran_order': False, 'shape': (n, m), }
 *             padded with spaces (0x20) and terminated by '\n' so that 10 + HEADER_LEN is a
 *             multiple of 64 (array data aligned to 64 bytes)
 * then        the raw data, C (row-major) order, little-endian
 * ```
 * The writer emits exactly the keys above in NumPy's (sorted) order; it does not add the spare
 * "growth" spaces that NumPy ≥ 1.23 writes after the dict, which the format allows but does not
 * require. The reader accepts versions 1.0, 2.0 and 3.0 (HEADER_LEN as uint32 from 2.0 on).
 */

/** Element types supported, with their NumPy `descr`. */
export type NpyDtype = '<f8' | '<f4' | '<i4' | '|u1';

/** A typed array this module reads and writes. */
export type NpyTypedArray = Float64Array | Float32Array | Int32Array | Uint8Array;

/** An n-dimensional array: flat C-order data and its shape. */
export interface NpyArray<T extends NpyTypedArray = NpyTypedArray> {
  readonly data: T;
  /** Shape, outermost first; product must equal `data.length`. `[]` is a 0-d scalar. */
  readonly shape: readonly number[];
}

import ndarray, { type NdArray } from 'ndarray';
import ops from 'ndarray-ops';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** NumPy `descr` of a typed array; throws for unsupported element types. */
export function npyDtypeOf(data: NpyTypedArray): NpyDtype {
  if (data instanceof Float64Array) return '<f8';
  if (data instanceof Float32Array) return '<f4';
  if (data instanceof Int32Array) return '<i4';
  if (data instanceof Uint8Array) return '|u1';
  throw new Error('npy: data must be a Float64Array, Float32Array, Int32Array or Uint8Array');
}

function itemSize(dtype: NpyDtype): number {
  switch (dtype) {
    case '<f8':
      return 8;
    case '<f4':
    case '<i4':
      return 4;
    case '|u1':
      return 1;
    default: {
      const never: never = dtype;
      throw new Error(`npy: unknown dtype ${String(never)}`);
    }
  }
}

function shapeLiteral(shape: readonly number[]): string {
  if (shape.length === 0) return '()';
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

function checkShape(shape: readonly number[], length: number): void {
  let prod = 1;
  for (const [k, d] of shape.entries()) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new Error(`npy: shape[${k}] = ${d} must be a non-negative integer`);
    }
    prod *= d;
  }
  if (prod !== length) {
    throw new Error(`npy: shape (${shape.join(', ')}) holds ${prod} elements but data has ${length}`);
  }
}

/**
 * The exact header bytes (magic … terminating `\n`) of a v1.0 `.npy` file for this dtype and shape.
 * Length is a multiple of 64.
 */
export function npyHeader(dtype: NpyDtype, shape: readonly number[]): Uint8Array {
  const dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeLiteral(shape)}, }`;
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1; // + '\n'
  const pad = (ALIGN - (unpadded % ALIGN)) % ALIGN;
  const headerLen = dict.length + pad + 1;
  if (headerLen > 0xffff) throw new Error(`npy: header of ${headerLen} bytes exceeds the v1.0 limit of 65535`);
  const out = new Uint8Array(MAGIC.length + 4 + headerLen);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = headerLen & 0xff;
  out[9] = headerLen >>> 8;
  let p = 10;
  for (let i = 0; i < dict.length; i++) out[p++] = dict.charCodeAt(i);
  for (let i = 0; i < pad; i++) out[p++] = 0x20;
  out[p] = 0x0a;
  return out;
}

/**
 * Encode an array as `.npy` v1.0 bytes (C order, little-endian).
 *
 * @param array.data flat data in C (row-major) order
 * @param array.shape shape; defaults to `[data.length]`
 * @example encodeNpy({ data: new Float64Array([1, 2, 3, 4]), shape: [2, 2] }).length === 64 + 32
 */
export function encodeNpy(array: { readonly data: NpyTypedArray; readonly shape?: readonly number[] }): Uint8Array {
  const { data } = array;
  const dtype = npyDtypeOf(data);
  const shape = array.shape ?? [data.length];
  checkShape(shape, data.length);
  const header = npyHeader(dtype, shape);
  const size = itemSize(dtype);
  const out = new Uint8Array(header.length + data.length * size);
  out.set(header, 0);
  if (HOST_LITTLE_ENDIAN || size === 1) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), header.length);
  } else {
    const view = new DataView(out.buffer, out.byteOffset + header.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (dtype === '<f8') view.setFloat64(i * 8, v, true);
      else if (dtype === '<f4') view.setFloat32(i * 4, v, true);
      else view.setInt32(i * 4, v, true);
    }
  }
  return out;
}

function parseHeaderDict(text: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) throw new Error(`npy: malformed header ${JSON.stringify(text)}`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const d = Number(s.replace(/L$/, ''));
      if (!Number.isSafeInteger(d) || d < 0) throw new Error(`npy: bad shape entry ${JSON.stringify(s)}`);
      return d;
    });
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims };
}

/**
 * Decode `.npy` bytes (v1.0–3.0, C order, dtypes `<f8 <f4 <i4 |u1`, also `<u1`/`|i4` spellings).
 * The returned data is a fresh, aligned copy.
 */
export function decodeNpy(bytes: Uint8Array): NpyArray & { readonly dtype: NpyDtype } {
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new Error('npy: missing \\x93NUMPY magic');
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    headerLen = view.getUint32(8, true);
    start = 12;
  } else {
    throw new Error(`npy: unsupported format version ${major}.${bytes[7]}`);
  }
  if (start + headerLen > bytes.length) throw new Error('npy: truncated header');
  let text = '';
  for (let i = start; i < start + headerLen; i++) text += String.fromCharCode(bytes[i]);
  const { descr, fortranOrder, shape } = parseHeaderDict(text);
  if (fortranOrder) throw new Error('npy: fortran_order True is not supported (write C order)');
  const dtype = normaliseDescr(descr);
  const size = itemSize(dtype);
  const n = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLen;
  if (bytes.length !== offset + n * size) {
    throw new Error(`npy: expected ${n * size} data bytes for shape (${shape.join(', ')}) ${dtype}, found ${bytes.length - offset}`);
  }
  const raw = new Uint8Array(n * size); // fresh copy ⇒ aligned, and not a view of a pooled Buffer
  raw.set(bytes.subarray(offset, offset + n * size));
  let data: NpyTypedArray;
  switch (dtype) {
    case '<f8':
      data = new Float64Array(raw.buffer, 0, n);
      break;
    case '<f4':
      data = new Float32Array(raw.buffer, 0, n);
      break;
    case '<i4':
      data = new Int32Array(raw.buffer, 0, n);
      break;
    case '|u1':
      data = raw;
      break;
    default: {
      const never: never = dtype;
      throw new Error(`npy: unknown dtype ${String(never)}`);
    }
  }
  if (!HOST_LITTLE_ENDIAN && size > 1) {
    const dv = new DataView(raw.buffer);
    const copy = data;
    for (let i = 0; i < n; i++) {
      if (dtype === '<f8') copy[i] = dv.getFloat64(i * 8, true);
      else if (dtype === '<f4') copy[i] = dv.getFloat32(i * 4, true);
      else copy[i] = dv.getInt32(i * 4, true);
    }
  }
  return { data, shape, dtype };
}

function normaliseDescr(descr: string): NpyDtype {
  switch (descr) {
    case '<f8':
      return '<f8';
    case '<f4':
      return '<f4';
    case '<i4':
      return '<i4';
    case '|u1':
    case '<u1':
    case '>u1':
      return '|u1';
    default:
      throw new Error(`npy: unsupported dtype ${JSON.stringify(descr)} (supported: <f8, <f4, <i4, |u1)`);
  }
}

/**
 * An ndarray (scijs; any strides, e.g. a transposed or stepped view) as the flat C-order array the
 * NPY writer takes. A C-contiguous view of a whole buffer is passed through without a copy; any
 * other view is copied with `ndarray-ops.assign` into a fresh C-order buffer of the same type.
 */
export function npyFromNdarray<T extends NpyTypedArray>(a: NdArray<T>): NpyArray<T> {
  const shape = a.shape.slice();
  const size = shape.reduce((p, s) => p * s, 1);
  let cStride = 1;
  let contiguous = a.offset === 0 && a.data.length === size;
  for (let k = shape.length - 1; k >= 0 && contiguous; k--) {
    if (shape[k] > 1 && a.stride[k] !== cStride) contiguous = false;
    cStride *= shape[k];
  }
  if (contiguous) return { data: a.data, shape };
  const Ctor = a.data.constructor as new (n: number) => T;
  const out = ndarray(new Ctor(size), shape);
  ops.assign(out, a);
  return { data: out.data, shape };
}
