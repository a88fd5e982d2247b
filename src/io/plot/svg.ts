/**
 * SVG text primitives for the plotting kit: escaping, coordinate formatting, a small label markup
 * (sub/superscripts) and a text-width estimate used to lay out axes without a font engine.
 */

/** Font stack: Helvetica/Arial as in journals, DejaVu Sans where those are missing. */
export const FONT_FAMILY = "Helvetica, Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif";

/** Type sizes in px (≈ 8–9 pt at the figure's natural size). */
export const FONT = { tick: 11, label: 12, title: 12.5, figureTitle: 14, legend: 11, letter: 15, caption: 11 } as const;

/** Escape text for SVG element content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Format a coordinate in px: rounded to 0.01 px (invisible at any print size; ≤ 6 significant
 * digits for figures under 10⁴ px), trailing zeros dropped, `-0` written `0`. Deterministic and
 * locale-free. Non-finite input throws (it would produce an invalid SVG).
 */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`plot: non-finite coordinate ${x}`);
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/** A run of label text and its vertical position. */
interface Run {
  readonly text: string;
  readonly shift: 'base' | 'sub' | 'sup';
}

/**
 * Parse label markup: `_x` / `_{xy}` subscript, `^x` / `^{xy}` superscript (one level), `\_`
 * and `\^` for literal characters. E.g. `z_p`, `|G^*|`, `10^{-9}`, `E_{s}`.
 */
export function parseMarkup(s: string): Run[] {
  const runs: Run[] = [];
  let buf = '';
  const flush = (): void => {
    if (buf !== '') runs.push({ text: buf, shift: 'base' });
    buf = '';
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && (s[i + 1] === '_' || s[i + 1] === '^')) {
      buf += s[i + 1];
      i++;
    } else if ((ch === '_' || ch === '^') && i + 1 < s.length) {
      flush();
      let text: string;
      if (s[i + 1] === '{') {
        const close = s.indexOf('}', i + 2);
        const end = close < 0 ? s.length : close;
        text = s.slice(i + 2, end);
        i = end;
      } else {
        const cp = s.codePointAt(i + 1) ?? 0;
        text = String.fromCodePoint(cp);
        i += text.length;
      }
      runs.push({ text, shift: ch === '_' ? 'sub' : 'sup' });
    } else {
      buf += ch;
    }
  }
  flush();
  return runs;
}

/** Width of one character in em for a Helvetica-like sans-serif (DejaVu Sans is ~8 % wider; we err wide). */
function charEm(ch: string): number {
  if (/[0-9]/.test(ch)) return 0.62;
  if (/[.,:;'|!ilI1j]/.test(ch)) return 0.3;
  if (ch === ' ') return 0.32;
  if (/[mwMW]/.test(ch)) return 0.9;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (ch === '−' || ch === '–' || ch === '—' || ch === '×') return 0.75;
  return 0.58;
}

const SCRIPT_SCALE = 0.72;

/** Estimated rendered width (px) of a markup label at `fontSize`. */
export function textWidth(s: string, fontSize: number): number {
  let w = 0;
  for (const r of parseMarkup(s)) {
    const k = r.shift === 'base' ? 1 : SCRIPT_SCALE;
    for (const ch of r.text) w += charEm(ch) * fontSize * k;
  }
  return w;
}

/**
 * `<text>` element for a markup label. Sub/superscripts use `dy` shifts and a smaller size (portable
 * across browsers, Inkscape and librsvg, unlike `baseline-shift`).
 */
export function textEl(
  x: number,
  y: number,
  label: string,
  opts: { size: number; anchor?: 'start' | 'middle' | 'end'; weight?: 'bold'; rotate?: number; fill?: string; baseline?: 'middle' | 'hanging' },
): string {
  // Baselines by explicit offsets (dominant-baseline is unevenly supported by renderers).
  const dy0 = opts.baseline === 'middle' ? 0.35 * opts.size : opts.baseline === 'hanging' ? 0.8 * opts.size : 0;
  const attrs = [`x="${num(x)}"`, `y="${num(y + dy0)}"`, `font-size="${num(opts.size)}"`];
  if (opts.anchor && opts.anchor !== 'start') attrs.push(`text-anchor="${opts.anchor}"`);
  if (opts.weight) attrs.push(`font-weight="${opts.weight}"`);
  if (opts.fill) attrs.push(`fill="${opts.fill}"`);
  if (opts.rotate) attrs.push(`transform="rotate(${num(opts.rotate)} ${num(x)} ${num(y)})"`);
  const small = num(opts.size * SCRIPT_SCALE);
  const subDy = opts.size * 0.25;
  const supDy = -opts.size * 0.38;
  let body = '';
  let offset = 0; // current dy offset from the baseline
  let pendingDx = 0; // spaces at a tspan boundary, as an explicit shift (renderers drop such spaces)
  const runs = parseMarkup(label);
  runs.forEach((run, k) => {
    const scale = run.shift === 'base' ? 1 : SCRIPT_SCALE;
    let text = run.text;
    if (runs.length > 1) {
      const lead = /^ */.exec(text)?.[0].length ?? 0;
      if (k > 0 && lead > 0) {
        pendingDx += lead * 0.32 * opts.size * scale;
        text = text.slice(lead);
      }
      const trail = /( *)$/.exec(text)?.[1].length ?? 0;
      if (k < runs.length - 1 && trail > 0) text = text.slice(0, text.length - trail);
      const target = run.shift === 'sub' ? subDy : run.shift === 'sup' ? supDy : 0;
      const dy = target - offset;
      offset = target;
      const dx = pendingDx > 0 ? ` dx="${num(pendingDx)}"` : '';
      pendingDx = k < runs.length - 1 ? trail * 0.32 * opts.size * scale : 0;
      if (run.shift === 'base') body += dy === 0 && dx === '' ? esc(text) : `<tspan${dx} dy="${num(dy)}">${esc(text)}</tspan>`;
      else body += `<tspan${dx} dy="${num(dy)}" font-size="${small}">${esc(text)}</tspan>`;
    } else {
      body += esc(text);
    }
  });
  return `<text ${attrs.join(' ')}>${body}</text>`;
}
