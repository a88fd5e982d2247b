/**
 * The models seisim exposes through `seisim params <model>`: each with its parameter tables
 * (declared once in src/models/…, with unit, range, default and source).
 */
import type { ParamTable } from '../models/params.js';

export interface ModelEntry {
  readonly doc: string;
  readonly tables: Readonly<Record<string, ParamTable>>;
}

export const MODELS: Readonly<Record<string, ModelEntry>> = {};
