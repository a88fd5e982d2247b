/**
 * Grey-scale morphology with a flat disc (Serra, *Image Analysis and Mathematical Morphology*, 1982,
 * ch. 2; Soille, *Morphological Image Analysis*, 2nd ed., 2003, §3–4): erosion ε_B f(x) = min_{b∈B}
 * f(x + b), dilation δ_B f(x) = max_{b∈B} f(x + b), opening γ_B = δ_B ε_B. The opening removes
 * every bright structure into which the disc does not fit — e.g. ridges narrower than its
 * diameter — and keeps broader ones (a dome of radius R loses (1 − (r/R)²)² of its apex height at
 * most, for a flat disc of radius r). The disc is split into horizontal chords, one running
 * min/max per chord length; pixels outside the image are ignored.
 */

/** Half-chord lengths c(dy) = ⌊√(r² − dy²)⌋ of a disc of radius r (pixels), dy = −r…r. */
function chords(r: number): Int32Array {
  const c = new Int32Array(2 * r + 1);
  for (let dy = -r; dy <= r; dy++) c[dy + r] = Math.floor(Math.sqrt(r * r - dy * dy) + 1e-9);
  return c;
}

/** Flat-disc erosion (`min`) or dilation (`max`) of a w × h image, disc radius r pixels. */
function discFilter(img: ArrayLike<number>, w: number, h: number, r: number, min: boolean): Float64Array {
  const c = chords(r);
  const lengths = [...new Set(c)];
  // per chord half-length: running extremum over [x − c, x + c] of every row
  const rowExt = new Map<number, Float64Array>();
  for (const hc of lengths) {
    const out = new Float64Array(w * h);
    for (let y = 0; y < h; y++) {
      const base = y * w;
      for (let x = 0; x < w; x++) {
        let v = img[base + x];
        const a = Math.max(0, x - hc);
        const b = Math.min(w - 1, x + hc);
        for (let i = a; i <= b; i++) {
          const u = img[base + i];
          if (min ? u < v : u > v) v = u;
        }
        out[base + x] = v;
      }
    }
    rowExt.set(hc, out);
  }
  const res = new Float64Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let v = img[y * w + x];
      for (let dy = -r; dy <= r; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        const u = rowExt.get(c[dy + r])![yy * w + x];
        if (min ? u < v : u > v) v = u;
      }
      res[y * w + x] = v;
    }
  return res;
}

/** Flat-disc erosion ε_B f (radius r pixels, integer ≥ 0). */
export function erodeDisc(img: ArrayLike<number>, w: number, h: number, r: number): Float64Array {
  checkDisc(img, w, h, r);
  return discFilter(img, w, h, r, true);
}

/** Flat-disc dilation δ_B f (radius r pixels, integer ≥ 0). */
export function dilateDisc(img: ArrayLike<number>, w: number, h: number, r: number): Float64Array {
  checkDisc(img, w, h, r);
  return discFilter(img, w, h, r, false);
}

/** Flat-disc opening γ_B f = δ_B ε_B f: removes bright structures the disc does not fit into. */
export function openDisc(img: ArrayLike<number>, w: number, h: number, r: number): Float64Array {
  return dilateDisc(erodeDisc(img, w, h, r), w, h, r);
}

/**
 * Binary dilation of a 0/1 mask by a square of half-width r pixels (separable: rows, then
 * columns); pixels outside the image are ignored.
 */
export function dilateSquareMask(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  checkDisc(mask, w, h, r);
  const tmp = new Uint8Array(w * h);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let v = 0;
      for (let u = Math.max(0, x - r); u <= Math.min(w - 1, x + r) && !v; u++) v = mask[y * w + u];
      tmp[y * w + x] = v;
    }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let v = 0;
      for (let u = Math.max(0, y - r); u <= Math.min(h - 1, y + r) && !v; u++) v = tmp[u * w + x];
      out[y * w + x] = v;
    }
  return out;
}

function checkDisc(img: ArrayLike<number>, w: number, h: number, r: number): void {
  if (!Number.isInteger(r) || r < 0) throw new RangeError(`structuring-element radius ${r}: expected an integer ≥ 0 pixels`);
  if (img.length !== w * h) throw new RangeError(`${img.length} values do not form a ${w} × ${h} image`);
}
