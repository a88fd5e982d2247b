/**
 * Gwyddion Simple Field (`.gsf`) files: 2D images (topography, modulus and adhesion maps, c-AFM
 * current maps) that open directly in Gwyddion ≥ 2.20 (issue 2: "images as Gwyddion .gsf (with
 * XReal/YReal/units) so they open in Gwyddion").
 *
 * Layout (Gwyddion user guide, "Simple Field Files", gwyddion.net/documentation/user-guide-en/gsf.html):
 * 1. magic line `Gwyddion Simple Field 1.0\n`;
 * 2. text header, lines `Name = Value\n`; XRes and YRes are mandatory; here also XReal, YReal,
 *    XOffset, YOffset (metres), XYUnits, ZUnits and Title, in that order, then any extra fields;
 * 3. 1 to 4 NUL bytes, so that the data start (magic + header + NULs) is a multiple of 4;
 * 4. XRes × YRes IEEE-754 float32 values, little-endian, row by row (row 0 first, shown at the top
 *    in Gwyddion), each row from left to right.
 *
 * Values are stored as float32 (relative rounding ≤ 2⁻²⁴ ≈ 6e-8); NaN and infinities are rejected
 * because Gwyddion data fields must be finite. Header numbers use `String(x)` (shortest round trip).
 */

/** A 2D field with its physical size and units. */
export interface GsfField {
  /** Row-major values, `yRes` rows of `xRes` values, in `zUnits` (SI). */
  readonly data: ArrayLike<number>;
  /** Pixels per row (XRes). */
  readonly xRes: number;
  /** Number of rows (YRes). */
  readonly yRes: number;
  /** Physical width XReal, in `xyUnits` (m). */
  readonly xReal: number;
  /** Physical height YReal, in `xyUnits` (m). */
  readonly yReal: number;
  /** Offset of the left edge, default 0 m. */
  readonly xOffset?: number;
  /** Offset of the top edge, default 0 m. */
  readonly yOffset?: number;
  /** Lateral units, default `'m'`. */
  readonly xyUnits?: string;
  /** Value units, SI, e.g. `'m'` (height), `'Pa'` (modulus), `'N'` (adhesion), `'A'` (current). */
  readonly zUnits: string;
  /** Title shown by Gwyddion, e.g. `'Height (truth)'`. */
  readonly title?: string;
  /** Additional `Name = Value` fields (names must be identifiers). */
  readonly extra?: Readonly<Record<string, string | number>>;
}

/** A field as read back: float32 data and all header fields. */
export interface GsfRead {
  readonly data: Float32Array;
  readonly xRes: number;
  readonly yRes: number;
  readonly xReal: number;
  readonly yReal: number;
  readonly xOffset: number;
  readonly yOffset: number;
  readonly xyUnits: string;
  readonly zUnits: string;
  readonly title: string;
  /** Every header field as text, in file order. */
  readonly header: ReadonlyMap<string, string>;
}

const MAGIC = 'Gwyddion Simple Field 1.0\n';
const STANDARD = new Set(['XRes', 'YRes', 'XReal', 'YReal', 'XOffset', 'YOffset', 'XYUnits', 'ZUnits', 'Title']);

function headerValue(name: string, v: string): string {
  if (/[\n\r\0]/.test(v) || v !== v.trim()) {
    throw new Error(`gsf: ${name} ${JSON.stringify(v)} must be one trimmed line without NUL`);
  }
  return v;
}

function positiveFinite(name: string, v: number): void {
  if (!Number.isFinite(v) || v <= 0) throw new Error(`gsf: ${name} = ${v} must be a finite positive number`);
}

/**
 * Encode a field as GSF bytes.
 *
 * Header length H (magic + text) is followed by 4 − (H mod 4) NULs (1…4), then 4·XRes·YRes bytes.
 * @example encodeGsf({ data: [0, 1e-9, 2e-9, 3e-9], xRes: 2, yRes: 2, xReal: 1e-6, yReal: 1e-6, zUnits: 'm' })
 */
export function encodeGsf(field: GsfField): Uint8Array {
  const { data, xRes, yRes, xReal, yReal } = field;
  if (!Number.isSafeInteger(xRes) || xRes < 1) throw new Error(`gsf: xRes = ${xRes} must be a positive integer`);
  if (!Number.isSafeInteger(yRes) || yRes < 1) throw new Error(`gsf: yRes = ${yRes} must be a positive integer`);
  positiveFinite('xReal', xReal);
  positiveFinite('yReal', yReal);
  const xOffset = field.xOffset ?? 0;
  const yOffset = field.yOffset ?? 0;
  if (!Number.isFinite(xOffset)) throw new Error(`gsf: xOffset = ${xOffset} must be finite`);
  if (!Number.isFinite(yOffset)) throw new Error(`gsf: yOffset = ${yOffset} must be finite`);
  if (data.length !== xRes * yRes) {
    throw new Error(`gsf: data has ${data.length} values, expected xRes × yRes = ${xRes} × ${yRes} = ${xRes * yRes}`);
  }
  const lines: string[] = [
    `XRes = ${xRes}`,
    `YRes = ${yRes}`,
    `XReal = ${String(xReal)}`,
    `YReal = ${String(yReal)}`,
    `XOffset = ${String(xOffset)}`,
    `YOffset = ${String(yOffset)}`,
    `XYUnits = ${headerValue('XYUnits', field.xyUnits ?? 'm')}`,
    `ZUnits = ${headerValue('ZUnits', field.zUnits)}`,
  ];
  if (field.title !== undefined) lines.push(`Title = ${headerValue('Title', field.title)}`);
  for (const [name, value] of Object.entries(field.extra ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`gsf: extra field name ${JSON.stringify(name)} is not an identifier`);
    if (STANDARD.has(name)) throw new Error(`gsf: extra field ${name} duplicates a standard field`);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`gsf: extra field ${name} = ${value} must be finite`);
    lines.push(`${name} = ${headerValue(name, String(value))}`);
  }
  const head = new TextEncoder().encode(MAGIC + lines.map((l) => `${l}\n`).join(''));
  const pad = 4 - (head.length % 4); // 1…4 NUL bytes
  const offset = head.length + pad;
  const out = new Uint8Array(offset + 4 * xRes * yRes);
  out.set(head, 0); // the NULs are the zero-initialised bytes head.length … offset−1
  const view = new DataView(out.buffer, out.byteOffset + offset, 4 * xRes * yRes);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      throw new Error(`gsf: value ${v} at row ${Math.floor(i / xRes)}, column ${i % xRes} is not finite (Gwyddion fields must be finite)`);
    }
    view.setFloat32(i * 4, v, true);
  }
  return out;
}

function num(header: Map<string, string>, name: string, fallback?: number): number {
  const s = header.get(name);
  if (s === undefined) {
    if (fallback === undefined) throw new Error(`gsf: missing mandatory field ${name}`);
    return fallback;
  }
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new Error(`gsf: field ${name} = ${JSON.stringify(s)} is not a number`);
  return v;
}

/**
 * Decode GSF bytes. Missing optional fields get Gwyddion's defaults (XReal = YReal = 1,
 * offsets 0, units ''). Throws if the magic line, padding or data length is wrong.
 */
export function decodeGsf(bytes: Uint8Array): GsfRead {
  const magic = new TextEncoder().encode(MAGIC);
  for (let i = 0; i < magic.length; i++) {
    if (bytes[i] !== magic[i]) throw new Error('gsf: missing "Gwyddion Simple Field 1.0" magic line');
  }
  const nul = bytes.indexOf(0);
  if (nul < 0) throw new Error('gsf: no NUL padding after the header');
  const pad = 4 - (nul % 4);
  const offset = nul + pad;
  for (let i = nul; i < Math.min(offset, bytes.length); i++) {
    if (bytes[i] !== 0) throw new Error(`gsf: byte ${i} of the NUL padding is ${bytes[i]}`);
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(magic.length, nul));
  const header = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`gsf: header line ${JSON.stringify(line)} is not "Name = Value"`);
    header.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  const xRes = num(header, 'XRes');
  const yRes = num(header, 'YRes');
  if (!Number.isSafeInteger(xRes) || xRes < 1 || !Number.isSafeInteger(yRes) || yRes < 1) {
    throw new Error(`gsf: XRes = ${xRes}, YRes = ${yRes} must be positive integers`);
  }
  const expected = 4 * xRes * yRes;
  if (bytes.length - offset !== expected) {
    throw new Error(`gsf: expected ${expected} data bytes for ${xRes} × ${yRes}, found ${bytes.length - offset}`);
  }
  const data = new Float32Array(xRes * yRes);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, expected);
  for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
  return {
    data,
    xRes,
    yRes,
    xReal: num(header, 'XReal', 1),
    yReal: num(header, 'YReal', 1),
    xOffset: num(header, 'XOffset', 0),
    yOffset: num(header, 'YOffset', 0),
    xyUnits: header.get('XYUnits') ?? '',
    zUnits: header.get('ZUnits') ?? '',
    title: header.get('Title') ?? '',
    header,
  };
}
