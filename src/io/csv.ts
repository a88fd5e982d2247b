/**
 * CSV with a unit in every column header — the plain-text format of the run directory (DESIGN.md,
 * "Run directory"; issue 2: "Numeric arrays as CSV with a unit in every column header").
 *
 * Format (RFC 4180 subset, UTF-8, `\n` line ends, a final `\n`):
 * - optional comment lines first, each starting with `# ` (NumPy `loadtxt`/`genfromtxt` skip them
 *   by default; pandas needs `comment='#'`);
 * - one header line `name (unit),name (unit),…`, e.g. `z_piezo (m),deflection (V)`. SI units;
 *   dimensionless quantities use the unit `1`. Text columns (labels) may have an empty unit and are
 *   then written `name` without parentheses;
 * - one line per row.
 *
 * Number formatting is deterministic and locale-free: the shortest string that round-trips to the
 * same IEEE-754 double, i.e. ECMAScript `Number.prototype.toString` (ECMA-262 §6.1.6.1.20), e.g.
 * `0.1`, `1e-9`, `2.1e+21`, `-3.5`. Python's `float()`, NumPy and pandas parse all of these exactly.
 * Non-finite values: `nan`, `inf`, `-inf` (the spellings NumPy and pandas read by default).
 * Negative zero is written `-0` so that the round trip is bit-exact.
 */

/** A numeric column: a name, its SI unit (`'1'` if dimensionless) and its values. */
export interface CsvNumberColumn {
  readonly name: string;
  readonly unit: string;
  readonly values: ArrayLike<number>;
}

/** A text column (labels such as a voltage-window name); `unit` may be `''`. */
export interface CsvTextColumn {
  readonly name: string;
  readonly unit: string;
  readonly text: readonly string[];
}

export type CsvColumn = CsvNumberColumn | CsvTextColumn;

/** A column as read back: numbers as a Float64Array, or text. */
export type CsvReadColumn =
  | { readonly type: 'number'; readonly name: string; readonly unit: string; readonly values: Float64Array }
  | { readonly type: 'text'; readonly name: string; readonly unit: string; readonly text: string[] };

/** Options for {@link toCsv}. */
export interface CsvWriteOptions {
  /** Comment lines written before the header, each prefixed by `# ` (no newlines allowed). */
  readonly comments?: readonly string[];
}

/**
 * Format one number for CSV: shortest round-trip decimal (`String(x)`), `nan`, `inf`, `-inf`, `-0`.
 *
 * @example formatCsvNumber(0.1) === '0.1'; formatCsvNumber(NaN) === 'nan'; formatCsvNumber(-0) === '-0'
 */
export function formatCsvNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0 && Object.is(x, -0)) return '-0';
  return String(x);
}

/**
 * Parse one CSV number cell as written by {@link formatCsvNumber} (also accepts `NaN`, `Infinity`,
 * any case of `nan`/`inf`, and leading `+`). Returns `undefined` when the cell is not a number.
 */
export function parseCsvNumber(cell: string): number | undefined {
  const s = cell.trim();
  if (s === '') return undefined;
  const lower = s.toLowerCase();
  if (lower === 'nan' || lower === '+nan' || lower === '-nan') return NaN;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  // Strict decimal grammar: Number('0x10') or Number('') would otherwise be accepted.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

function quoteCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function headerCell(name: string, unit: string, where: string): string {
  if (name === '' || /[()\n\r]/.test(name) || name !== name.trim()) {
    throw new Error(`csv: ${where} name ${JSON.stringify(name)} must be non-empty, trimmed, without parentheses or newlines`);
  }
  if (/[()\n\r]/.test(unit) || unit !== unit.trim()) {
    throw new Error(`csv: ${where} (${name}) unit ${JSON.stringify(unit)} must be trimmed, without parentheses or newlines`);
  }
  return quoteCell(unit === '' ? name : `${name} (${unit})`);
}

function isText(c: CsvColumn): c is CsvTextColumn {
  return (c as CsvTextColumn).text !== undefined;
}

/**
 * CSV text from named columns with units (header `name (unit)`), numbers as shortest round-trip
 * decimals. All columns must have the same length; numeric columns need a non-empty unit.
 *
 * @example toCsv([{ name: 'z_piezo', unit: 'm', values: [0, 1e-9] }, { name: 'deflection', unit: 'V', values: [0.1, NaN] }])
 *   === 'z_piezo (m),deflection (V)\n0,0.1\n1e-9,nan\n'
 */
export function toCsv(columns: readonly CsvColumn[], options: CsvWriteOptions = {}): string {
  if (columns.length === 0) throw new Error('csv: at least one column is required');
  const n = isText(columns[0]) ? columns[0].text.length : columns[0].values.length;
  const header: string[] = [];
  const numeric: (ArrayLike<number> | undefined)[] = [];
  const texts: (readonly string[] | undefined)[] = [];
  const seen = new Set<string>();
  columns.forEach((c, k) => {
    const where = `column ${k}`;
    if (seen.has(c.name)) throw new Error(`csv: duplicate column name ${JSON.stringify(c.name)}`);
    seen.add(c.name);
    if (isText(c)) {
      if (c.text.length !== n) throw new Error(`csv: ${where} (${c.name}) has ${c.text.length} rows, expected ${n}`);
      header.push(headerCell(c.name, c.unit, where));
      numeric.push(undefined);
      texts.push(c.text);
    } else {
      if (c.unit === '') throw new Error(`csv: numeric ${where} (${c.name}) needs a unit (use '1' for dimensionless)`);
      if (c.values.length !== n) throw new Error(`csv: ${where} (${c.name}) has ${c.values.length} rows, expected ${n}`);
      header.push(headerCell(c.name, c.unit, where));
      numeric.push(c.values);
      texts.push(undefined);
    }
  });
  const out: string[] = [];
  for (const line of options.comments ?? []) {
    if (/[\n\r]/.test(line)) throw new Error('csv: comment lines must not contain newlines');
    out.push(`# ${line}`);
  }
  out.push(header.join(','));
  const m = columns.length;
  for (let i = 0; i < n; i++) {
    let row = '';
    for (let k = 0; k < m; k++) {
      if (k > 0) row += ',';
      const v = numeric[k];
      row += v !== undefined ? formatCsvNumber(v[i]) : quoteCell((texts[k] as readonly string[])[i]);
    }
    out.push(row);
  }
  return out.join('\n') + '\n';
}

/** Split CSV text into records of raw cells (RFC 4180 quoting; `\n` or `\r\n` line ends). */
function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let rec: string[] = [];
  let cell = '';
  let i = 0;
  let inQuotes = false;
  let any = false;
  while (i < text.length) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      inQuotes = true;
      any = true;
      i++;
    } else if (ch === ',') {
      rec.push(cell);
      cell = '';
      any = true;
      i++;
    } else if (ch === '\n' || ch === '\r') {
      rec.push(cell);
      records.push(rec);
      rec = [];
      cell = '';
      any = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      any = true;
      i++;
    }
  }
  if (inQuotes) throw new Error('csv: unterminated quoted cell');
  if (any || cell !== '') {
    rec.push(cell);
    records.push(rec);
  }
  return records;
}

/**
 * Split a header cell `name (unit)` into its name and unit (`''` when there are no parentheses).
 *
 * @example parseCsvHeaderCell('z_piezo (m)') → { name: 'z_piezo', unit: 'm' }
 */
export function parseCsvHeaderCell(cell: string): { name: string; unit: string } {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(cell);
  if (m) return { name: m[1].trim(), unit: m[2].trim() };
  return { name: cell.trim(), unit: '' };
}

/** Result of {@link readCsv}: columns in file order, and the comment lines (without `# `). */
export interface CsvTable {
  readonly columns: CsvReadColumn[];
  readonly comments: string[];
  /** Number of data rows. */
  readonly rows: number;
}

/**
 * Read CSV text with `name (unit)` headers back into columns. A column is numeric when every cell
 * parses as a number (including `nan`, `inf`); otherwise it is text. Leading `#` lines are
 * comments; blank lines are skipped. Throws, naming the line, on a row with the wrong cell count.
 */
export function readCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // tolerate a UTF-8 BOM
  const comments: string[] = [];
  let pos = 0;
  let line = 1;
  while (pos < src.length) {
    const nl = src.indexOf('\n', pos);
    const end = nl < 0 ? src.length : nl;
    const raw = src.slice(pos, end).replace(/\r$/, '');
    if (raw.trim() !== '' && !raw.startsWith('#')) break;
    if (raw.startsWith('#')) comments.push(raw.replace(/^#\s?/, ''));
    pos = end + 1;
    line++;
  }
  const records = parseRecords(src.slice(pos));
  if (records.length === 0) throw new Error('csv: no header line');
  const header = records[0].map(parseCsvHeaderCell);
  const headerLine = line;
  const body = records.slice(1).filter((rec) => !(rec.length === 1 && rec[0].trim() === ''));
  body.forEach((rec, k) => {
    if (rec.length !== header.length) {
      throw new Error(`csv: data row ${k + 1} (after header on line ${headerLine}) has ${rec.length} cells, expected ${header.length}`);
    }
  });
  const columns: CsvReadColumn[] = header.map(({ name, unit }, c) => {
    const values = new Float64Array(body.length);
    let numeric = true;
    for (let i = 0; i < body.length; i++) {
      const v = parseCsvNumber(body[i][c]);
      if (v === undefined) {
        numeric = false;
        break;
      }
      values[i] = v;
    }
    if (numeric) return { type: 'number', name, unit, values };
    return { type: 'text', name, unit, text: body.map((rec) => rec[c]) };
  });
  return { columns, comments, rows: body.length };
}

/** The numeric column `name` of a table, or a clear error naming the columns that exist. */
export function csvNumberColumn(table: CsvTable, name: string): { unit: string; values: Float64Array } {
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`csv: no column ${JSON.stringify(name)}; columns are ${table.columns.map((x) => x.name).join(', ')}`);
  if (c.type !== 'number') throw new Error(`csv: column ${JSON.stringify(name)} is not numeric`);
  return { unit: c.unit, values: c.values };
}
