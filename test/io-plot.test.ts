import { spawnSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contactSheet, figure, lineFigure, type FigureSpec, type Layer } from '../src/io/plot/index.js';
import { axisDisplay, fixedFormatter, resolveAxis } from '../src/io/plot/axis.js';
import { decimate } from '../src/io/plot/layers.js';
import { num, parseMarkup, textEl, textWidth, FONT } from '../src/io/plot/svg.js';

const z = Array.from({ length: 41 }, (_, i) => i * 0.5e-9);

function sampleSpec(): FigureSpec {
  const mean = z.map((d) => 2e7 * Math.exp(-d / 5e-9) + 1e6);
  const layers: Layer[] = [
    { type: 'band', x: z, lower: mean.map((m) => 0.9 * m), upper: mean.map((m) => 1.1 * m) },
    { type: 'line', x: z, y: mean, label: '0.5–1.0 V', marker: 'circle' },
    { type: 'vspan', from: 0, to: 5e-9, text: '0–5 nm' },
    { type: 'hline', at: 1e7, text: 'truth' },
  ];
  const n = 12;
  const grid = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i / 7) * 1e-9);
  return {
    title: 'Profiles',
    panels: [
      { x: { label: 'Depth z_p', unit: 'm' }, y: { label: "E'", unit: 'Pa' }, layers },
      { x: { label: 'x', unit: 'm' }, y: { label: 'y', unit: 'm' }, layers: [{ type: 'heatmap', values: grid, nx: n, ny: n, xRange: [0, 1e-6], yRange: [0, 1e-6], zLabel: 'Height', zUnit: 'm' }] },
      { x: { label: 'Depth bin', unit: '1', scale: 'category', categories: ['0–5 nm', '5–10 nm'] }, y: { label: '|G^*|', unit: 'Pa' }, layers: [{ type: 'violin', groups: [0, 1].map((p) => ({ position: p, grid: [1e6, 2e6, 3e6, 4e6], density: [0.1, 1, 0.5, 0.1], samples: [1.5e6, 2e6, 2.5e6] })), label: 'W1' }] },
      { x: { label: 'f', unit: 'Hz', scale: 'log' }, y: { label: 'PSD', unit: 'm^2/Hz', scale: 'log' }, layers: [{ type: 'histogram', values: [1, 2, 2, 3, 3, 3] }, { type: 'scatter', x: [10, 100, 1000], y: [1e-22, 1e-23, 1e-24], label: 'pts' }] },
    ],
    columns: 2,
    caption: 'seed 42',
  };
}

describe('determinism', () => {
  it('same spec ⇒ identical SVG bytes; no timestamps or counters', () => {
    const a = figure(sampleSpec());
    const b = figure(sampleSpec());
    expect(a).toBe(b);
    expect(a).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  it('clip-path ids derive from the figure content: two different figures never share ids, order of rendering does not matter', () => {
    const ids = (s: string): string[] => [...s.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
    const one = lineFigure({ x: { label: 't', unit: 's' }, y: { label: 'V', unit: 'V' }, series: [{ type: 'line', x: [0, 1], y: [0, 1] }] });
    const two = lineFigure({ x: { label: 't', unit: 's' }, y: { label: 'V', unit: 'V' }, series: [{ type: 'line', x: [0, 1], y: [1, 0] }] });
    const twoFirst = lineFigure({ x: { label: 't', unit: 's' }, y: { label: 'V', unit: 'V' }, series: [{ type: 'line', x: [0, 1], y: [1, 0] }] });
    expect(two).toBe(twoFirst);
    expect(ids(one).filter((id) => ids(two).includes(id))).toEqual([]);
  });

  // fast-check seed 31415: random series render identically twice and only contain ≤ 2-decimal coordinates.
  it('random data: identical bytes on re-render, coordinates rounded to 0.01 px (fast-check seed 31415)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 60 }), (ys) => {
        const spec = { x: { label: 'i', unit: '1' }, y: { label: 'v', unit: 'V' }, series: [{ type: 'line' as const, x: ys.map((_, i) => i), y: ys, label: 'v' }] };
        const a = lineFigure(spec);
        const d = /<path d="(M[^"]+)" fill="none" stroke="#0072B2"/.exec(a)?.[1] ?? '';
        return a === lineFigure(spec) && d.length > 0 && !/\d\.\d{3}/.test(d);
      }),
      { seed: 31415, numRuns: 60 },
    );
  });
});

const python = spawnSync('python3', ['-c', 'import xml.dom.minidom'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!python)(`SVG well-formedness${python ? '' : ' (skipped: python3 not available)'}`, () => {
  it('python xml.dom.minidom parses every figure kind', () => {
    const sheet = contactSheet({ images: [{ values: [0, 1, 2, 3], nx: 2, ny: 2, caption: 'a & b <1>' }], zLabel: 'Height', zUnit: 'm' });
    for (const svg of [figure(sampleSpec()), sheet]) {
      const r = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(d.documentElement.tagName)'], { input: svg, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('svg');
    }
  });
});

describe('axes', () => {
  it('chooses SI prefixes from the data range, or a power of ten for units without prefixes', () => {
    expect(axisDisplay('m', 0, 3e-8)).toEqual({ factor: 1e9, unitText: 'nm' });
    expect(axisDisplay('Pa', 0, 2.1e7)).toEqual({ factor: 1e-6, unitText: 'MPa' });
    expect(axisDisplay('V', 0.005, 2)).toEqual({ factor: 1, unitText: 'V' });
    expect(axisDisplay('A', -2e-6, 0)).toEqual({ factor: 1e6, unitText: 'µA' });
    expect(axisDisplay('N/m', 0, 0.6)).toEqual({ factor: 1e3, unitText: 'mN/m' });
    expect(axisDisplay('m^2/Hz', 0, 1e-22)).toEqual({ factor: 1e22, unitText: '10^{-22} m^2/Hz' });
    expect(axisDisplay('1', 0, 0.5)).toEqual({ factor: 1, unitText: '' });
    expect(axisDisplay('mol', 0, 5)).toEqual({ factor: 1, unitText: 'mol' });
    expect(axisDisplay('m', 0, 3e-8, 'none')).toEqual({ factor: 1, unitText: 'm' });
  });

  it('formats ticks with just enough decimals, a typographic minus and no "-0"', () => {
    expect([-1, -0.5, 0, 0.5].map(fixedFormatter(0.5))).toEqual(['\u22121.0', '\u22120.5', '0.0', '0.5']);
    expect([0, 5, 10].map(fixedFormatter(5))).toEqual(['0', '5', '10']);
    expect(fixedFormatter(0.001)(-0.0001)).toBe('0.000');
  });

  it('labels log axes at powers of ten with minor ticks between', () => {
    const ax = resolveAxis({ label: 'f', unit: 'Hz', scale: 'log' }, [1, 1e5], 340, 'x');
    expect(ax.ticks.map((t) => t.label)).toEqual(['10^{0}', '10^{1}', '10^{2}', '10^{3}', '10^{4}', '10^{5}']);
    expect(ax.minorTicks).toContain(20);
    expect(ax.title).toBe('f (Hz)');
  });

  it('does not push a nice domain out because of float noise (30 × 0.5e-9 m ends at 30 nm, not 35)', () => {
    const ax = resolveAxis({ label: 'z', unit: 'm' }, [0, 60 * 0.5e-9], 340, 'x');
    expect(ax.scale.domain()[1]).toBeCloseTo(3e-8, 20);
  });

  // fast-check seed 2718: for random ranges and lengths, adjacent x tick labels never overlap
  // (by the same width estimate used for layout) and y tick labels are ≥ one line apart.
  it('never overlaps tick labels (fast-check seed 2718)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-12, max: 1e9, noNaN: true }),
        fc.integer({ min: 80, max: 900 }),
        fc.constantFrom('m', 'Pa', '1', 'V'),
        (lo, span, length, unit) => {
          for (const o of ['x', 'y'] as const) {
            const ax = resolveAxis({ label: 'q', unit }, [lo, lo + span], length, o);
            const ts = ax.ticks;
            for (let i = 1; i < ts.length; i++) {
              const gap = Math.abs(ax.scale(ts[i].value) - ax.scale(ts[i - 1].value));
              const need = o === 'x' ? (textWidth(ts[i].label, FONT.tick) + textWidth(ts[i - 1].label, FONT.tick)) / 2 : FONT.tick;
              if (ts.length > 2 && gap < need) return false;
            }
            if (new Set(ts.map((t) => t.label)).size !== ts.length) return false; // distinct labels
          }
          return true;
        },
      ),
      { seed: 2718, numRuns: 300 },
    );
  });
});

describe('labels and text', () => {
  it('parses sub/superscript markup', () => {
    expect(parseMarkup('z_p (nm)')).toEqual([
      { text: 'z', shift: 'base' },
      { text: 'p', shift: 'sub' },
      { text: ' (nm)', shift: 'base' },
    ]);
    expect(parseMarkup('10^{-9}')).toEqual([
      { text: '10', shift: 'base' },
      { text: '-9', shift: 'sup' },
    ]);
    expect(parseMarkup('a\\_b')).toEqual([{ text: 'a_b', shift: 'base' }]);
  });

  it('escapes text and keeps the space after a subscript as an explicit shift', () => {
    const t = textEl(0, 0, 'z_p (<nm>)', { size: 12 });
    expect(t).toContain('&lt;nm&gt;');
    expect(t).toMatch(/<tspan dx="[\d.]+" dy="-3">\(&lt;nm&gt;\)<\/tspan>/);
  });

  it('formats coordinates to 0.01 px and refuses non-finite ones', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(-0.001)).toBe('0');
    expect(num(100)).toBe('100');
    expect(() => num(NaN)).toThrow(/non-finite/);
  });
});

describe('layers', () => {
  it('breaks lines at NaN and skips non-positive values on log axes', () => {
    const svg = lineFigure({ x: { label: 'x', unit: '1' }, y: { label: 'y', unit: '1', scale: 'log' }, series: [{ type: 'line', x: [1, 2, 3, 4, 5], y: [1, 10, NaN, -1, 100] }] });
    const d = /<path d="(M[^"]+)" fill="none" stroke="#0072B2"/.exec(svg)?.[1] ?? '';
    expect(d.match(/M/g)?.length).toBe(2); // two pieces: (1,2) and (5)
  });

  it('rejects mismatched arrays with a clear message', () => {
    expect(() => lineFigure({ x: { label: 'x', unit: 'm' }, y: { label: 'y', unit: 'm' }, series: [{ type: 'line', x: [1, 2], y: [1] }] })).toThrow(/differ in length/);
    expect(() => figure({ panels: [] })).toThrow(/at least one panel/);
  });

  it('draws heatmap row 0 at the bottom when y increases upwards', () => {
    const svg = figure({ panels: [{ x: { label: 'x', unit: 'm' }, y: { label: 'y', unit: 'm' }, layers: [{ type: 'heatmap', values: [0, 0, 1, 1], nx: 2, ny: 2, xRange: [0, 1e-6], yRange: [0, 1e-6], zLabel: 'h', zUnit: 'm' }] }] });
    const uri = /<image [^>]*href="data:image\/png;base64,([^"]+)"/.exec(svg)?.[1] ?? '';
    const png = Buffer.from(uri, 'base64');
    const w = png.readUInt32BE(16);
    const h = png.readUInt32BE(20);
    expect(w % 2).toBe(0); // each value is an integer block of pixels (nearest-neighbour upscaling)
    expect(h % 2).toBe(0);
    const idat = png.subarray(8 + 25 + 8, png.length - 12 - 4); // after signature + IHDR chunk: the IDAT data
    const raw = inflateSync(idat);
    const px = (row: number, col: number): number[] => [...raw.subarray(row * (3 * w + 1) + 1 + 3 * col, row * (3 * w + 1) + 4 + 3 * col)];
    // top PNG row = data row 1 (value 1 → viridis top #fde725); bottom PNG row = data row 0 (#440154)
    expect(px(0, 0)).toEqual([0xfd, 0xe7, 0x25]);
    expect(px(0, w - 1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(px(h - 1, 0)).toEqual([0x44, 0x01, 0x54]);
    expect(px(h / 2 - 1, 0)).toEqual([0xfd, 0xe7, 0x25]);
    expect(px(h / 2, 0)).toEqual([0x44, 0x01, 0x54]);
    // equal aspect: a 1 µm × 1 µm map is drawn square
    const im = /<image x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    expect(im?.[1]).toBe(im?.[2]);
  });

  it('decimates dense monotonic series to ≤ 4 points per pixel column, keeping extremes', () => {
    const n = 100000;
    const px = Array.from({ length: n }, (_, i) => (i / n) * 300);
    const py = Array.from({ length: n }, (_, i) => Math.sin(i / 50) * 100 + (i === 54321 ? 500 : 0));
    const d = decimate(px, py);
    expect(d.px.length).toBeLessThanOrEqual(4 * 300);
    expect(Math.max(...d.py)).toBe(Math.max(...py));
    expect(Math.min(...d.py)).toBe(Math.min(...py));
  });

  it('places a legend in the emptiest inside corner', () => {
    // data fill the top-right corner; legend should go elsewhere
    const x = Array.from({ length: 50 }, (_, i) => i);
    const svg = lineFigure({ x: { label: 'x', unit: '1' }, y: { label: 'y', unit: '1' }, series: [{ type: 'line', x, y: x.map((v) => v * v), label: 'quadratic' }] });
    const m = /<g transform="translate\(([\d.]+),([\d.]+)\)"><rect x="0" y="0" width="([\d.]+)" height="([\d.]+)" fill="#ffffff" fill-opacity="0.85"/.exec(svg.replace(/\n/g, ''));
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeLessThan(100); // left side: top-left corner is empty for y = x²
  });
});
