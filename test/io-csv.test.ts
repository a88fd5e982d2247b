import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvNumberColumn, formatCsvNumber, parseCsvHeaderCell, parseCsvNumber, readCsv, toCsv } from '../src/io/csv.js';

describe('csv writer', () => {
  it('writes every header with its unit and numbers as shortest round-trip decimals', () => {
    const text = toCsv([
      { name: 'z_piezo', unit: 'm', values: [0, 1e-9, 2.5e-7] },
      { name: 'deflection', unit: 'V', values: [0.1, -0.30000000000000004, NaN] },
    ]);
    expect(text).toBe('z_piezo (m),deflection (V)\n0,0.1\n1e-9,-0.30000000000000004\n2.5e-7,nan\n');
  });

  it('spells non-finite values nan, inf, -inf and keeps the sign of zero', () => {
    expect([NaN, Infinity, -Infinity, -0, 0, 1e21, 123456789012].map(formatCsvNumber)).toEqual([
      'nan',
      'inf',
      '-inf',
      '-0',
      '0',
      '1e+21',
      '123456789012',
    ]);
  });

  it('writes comment lines first and quotes text cells that need it', () => {
    const text = toCsv(
      [
        { name: 'window', unit: '', text: ['0.5-1.0 V', 'a,"b"'] },
        { name: 'E', unit: 'Pa', values: [2.1e7, 1] },
      ],
      { comments: ['seed 42'] },
    );
    expect(text).toBe('# seed 42\nwindow,E (Pa)\n0.5-1.0 V,21000000\n"a,""b""",1\n');
  });

  it('rejects ragged columns, missing units, duplicate names and parentheses in names', () => {
    expect(() => toCsv([{ name: 'a', unit: 'm', values: [1] }, { name: 'b', unit: 'm', values: [1, 2] }])).toThrow(/2 rows, expected 1/);
    expect(() => toCsv([{ name: 'a', unit: '', values: [1] }])).toThrow(/needs a unit/);
    expect(() => toCsv([{ name: 'a', unit: 'm', values: [1] }, { name: 'a', unit: 'm', values: [1] }])).toThrow(/duplicate/);
    expect(() => toCsv([{ name: 'a (x)', unit: 'm', values: [1] }])).toThrow(/parentheses/);
    expect(() => toCsv([])).toThrow(/at least one column/);
  });
});

describe('csv reader', () => {
  it('returns columns with their units, numeric or text', () => {
    const t = readCsv('# comment, with comma\nwindow,z (m),F (N)\n"x,y",1e-9,nan\nb,2e-9,-inf\n');
    expect(t.comments).toEqual(['comment, with comma']);
    expect(t.rows).toBe(2);
    expect(t.columns.map((c) => [c.type, c.name, c.unit])).toEqual([
      ['text', 'window', ''],
      ['number', 'z', 'm'],
      ['number', 'F', 'N'],
    ]);
    const f = csvNumberColumn(t, 'F');
    expect(f.unit).toBe('N');
    expect(Number.isNaN(f.values[0])).toBe(true);
    expect(f.values[1]).toBe(-Infinity);
    expect(() => csvNumberColumn(t, 'G')).toThrow(/columns are window, z, F/);
  });

  it('accepts CRLF line ends and a BOM, and names the bad row', () => {
    const t = readCsv('\ufeffa (m),b (1)\r\n1,2\r\n');
    expect(csvNumberColumn(t, 'b').values[0]).toBe(2);
    expect(() => readCsv('a (m),b (1)\n1,2\n3\n')).toThrow(/data row 2 .* 1 cells, expected 2/);
  });

  it('parses only decimal numbers (no hex, no empty cells)', () => {
    expect(parseCsvNumber('0x10')).toBeUndefined();
    expect(parseCsvNumber('')).toBeUndefined();
    expect(parseCsvNumber('1.')).toBe(1);
    expect(parseCsvNumber('.5e-3')).toBe(5e-4);
    expect(parseCsvHeaderCell('deflection (V)')).toEqual({ name: 'deflection', unit: 'V' });
    expect(parseCsvHeaderCell('label')).toEqual({ name: 'label', unit: '' });
  });

  // fast-check seed 1234: any doubles (incl. NaN, ±inf, −0, subnormals) survive write → read bit-exactly.
  it('round-trips arbitrary doubles bit-exactly (fast-check seed 1234)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double(), fc.double()), { minLength: 0, maxLength: 40 }), (rows) => {
        const a = rows.map((r) => r[0]);
        const b = rows.map((r) => r[1]);
        const t = readCsv(toCsv([{ name: 'a', unit: 'm', values: a }, { name: 'b', unit: 'Pa s', values: b }]));
        const ra = csvNumberColumn(t, 'a').values;
        const rb = csvNumberColumn(t, 'b').values;
        expect(csvNumberColumn(t, 'b').unit).toBe('Pa s');
        return a.every((x, i) => Object.is(x, ra[i])) && b.every((x, i) => Object.is(x, rb[i]));
      }),
      { seed: 1234, numRuns: 200 },
    );
  });

  // fast-check seed 4321: text cells with commas, quotes and newlines survive the RFC 4180 quoting.
  it('round-trips text cells with commas, quotes and newlines (fast-check seed 4321)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ', 'é') , minLength: 1 }), { minLength: 1, maxLength: 10 }), (cells) => {
        const texts = cells.map((c) => `x${c}`); // never purely numeric, never empty
        const t = readCsv(toCsv([{ name: 'label', unit: '', text: texts }]));
        const col = t.columns[0];
        return col.type === 'text' && col.text.every((s, i) => s === texts[i]);
      }),
      { seed: 4321, numRuns: 200 },
    );
  });
});
