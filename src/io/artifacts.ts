/**
 * Builders of {@link Artifact}s (src/io/artifact.ts) in each run-directory format, so that
 * experiments state what a file holds once and get a consistent `kind` and `units` text.
 */
import type { Artifact } from './artifact.js';
import { toCsv, type CsvColumn, type CsvWriteOptions } from './csv.js';
import { encodeGsf, type GsfField } from './gsf.js';
import { stableJson } from './json.js';
import { encodeNpy, type NpyTypedArray } from './npy.js';

/**
 * A CSV artifact from columns with units; `units` lists them, e.g. `columns: z_piezo (m), deflection (V)`.
 *
 * @example csvArtifact('data/curve-000.csv', 'force curve 0, approach', [{ name: 'z_piezo', unit: 'm', values: z }])
 */
export function csvArtifact(path: string, description: string, columns: readonly CsvColumn[], options?: CsvWriteOptions): Artifact {
  const units = `columns: ${columns.map((c) => (c.unit === '' ? c.name : `${c.name} (${c.unit})`)).join(', ')}`;
  return { path, kind: 'csv', units, description, content: toCsv(columns, options) };
}

/** An NPY artifact; `units` is the SI unit of the values (with the axes, e.g. `'V; axes: (curve, sample)'`). */
export function npyArtifact(path: string, description: string, units: string, array: { readonly data: NpyTypedArray; readonly shape?: readonly number[] }): Artifact {
  return { path, kind: 'npy', units, description, content: encodeNpy(array) };
}

/** A Gwyddion GSF artifact; `units` reads e.g. `z: m; x, y: m`. */
export function gsfArtifact(path: string, description: string, field: GsfField): Artifact {
  const xy = field.xyUnits ?? 'm';
  return { path, kind: 'gsf', units: `z: ${field.zUnits}; x, y: ${xy}`, description, content: encodeGsf(field) };
}

/** An SVG figure artifact (units are on its axes). */
export function svgArtifact(path: string, description: string, svg: string): Artifact {
  return { path, kind: 'svg', units: 'see axis labels', description, content: svg };
}

/** A JSON artifact written with {@link stableJson} (deterministic, NaN as null). */
export function jsonArtifact(path: string, description: string, units: string, value: unknown): Artifact {
  return { path, kind: 'json', units, description, content: stableJson(value) };
}
