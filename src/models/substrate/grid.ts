/**
 * Square-pixel grids for surface maps: row-major arrays, index = y·nx + x, pixel size dx (m).
 */

/** A rectangular grid of square pixels. */
export interface Grid {
  /** Pixels along x (fast scan axis). */
  readonly nx: number;
  /** Pixels along y (slow scan axis). */
  readonly ny: number;
  /** Pixel size (m). */
  readonly dx: number;
}

/** Validate a grid (positive integer sizes, finite positive pixel size). Throws RangeError. */
export function validateGrid(grid: Grid, name = 'grid'): Grid {
  if (!Number.isInteger(grid.nx) || grid.nx < 2) throw new RangeError(`${name}.nx = ${grid.nx}: expected an integer ≥ 2`);
  if (!Number.isInteger(grid.ny) || grid.ny < 2) throw new RangeError(`${name}.ny = ${grid.ny}: expected an integer ≥ 2`);
  if (!Number.isFinite(grid.dx) || grid.dx <= 0) throw new RangeError(`${name}.dx = ${grid.dx} m: expected a finite pixel size > 0`);
  return grid;
}

/**
 * Subtract the least-squares plane z = c₀ + c₁x + c₂y from a map, in place; returns the map.
 *
 * On a full rectangular grid the centred coordinates are orthogonal, so c₁ = Σ(x−x̄)z/Σ(x−x̄)² and
 * c₂ = Σ(y−ȳ)z/Σ(y−ȳ)² exactly (ordinary least squares). Units: those of z.
 */
export function subtractPlane(z: Float64Array, nx: number, ny: number): Float64Array {
  if (z.length !== nx * ny) throw new RangeError(`subtractPlane: length ${z.length} ≠ nx·ny = ${nx * ny}`);
  const xm = (nx - 1) / 2;
  const ym = (ny - 1) / 2;
  let sz = 0;
  let sxz = 0;
  let syz = 0;
  for (let y = 0; y < ny; y++) {
    const row = y * nx;
    let rs = 0;
    let rxs = 0;
    for (let x = 0; x < nx; x++) {
      const v = z[row + x];
      rs += v;
      rxs += (x - xm) * v;
    }
    sz += rs;
    sxz += rxs;
    syz += (y - ym) * rs;
  }
  const sxx = (ny * nx * (nx * nx - 1)) / 12;
  const syy = (nx * ny * (ny * ny - 1)) / 12;
  const c0 = sz / (nx * ny);
  const c1 = sxz / sxx;
  const c2 = syz / syy;
  for (let y = 0; y < ny; y++) {
    const row = y * nx;
    const off = c0 + c2 * (y - ym);
    for (let x = 0; x < nx; x++) z[row + x] -= off + c1 * (x - xm);
  }
  return z;
}

/** Root-mean-square of a map about its mean. Units: those of z. */
export function rms(z: ArrayLike<number>): number {
  const n = z.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += z[i];
  const m = s / n;
  let q = 0;
  for (let i = 0; i < n; i++) q += (z[i] - m) ** 2;
  return Math.sqrt(q / n);
}

/** Copy a rectangular window (x0, y0, w, h) of a map. */
export function cropMap<T extends Float64Array | Uint8Array | Float32Array>(src: T, nx: number, x0: number, y0: number, w: number, h: number): T {
  const out = new (src.constructor as { new (n: number): T })(w * h);
  for (let y = 0; y < h; y++) {
    const s = (y0 + y) * nx + x0;
    out.set(src.subarray(s, s + w) as never, y * w);
  }
  return out;
}
