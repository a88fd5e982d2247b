/**
 * Potential at which an in situ SEI film stops changing, read only from the observed frames and
 * their line stamps (paper 000, "In situ SEI formation on HOPG, MCMB graphite, and hard carbon":
 * "At 0.6 V the SEI formed a uniform layer, which stabilized at about 0.3 V.").
 *
 * Tapping-mode AFM sees a closed film's relief, not its absolute thickness (a uniform thickening
 * is indistinguishable from z drift), so "the film changes" is read as: the relief at the same
 * place differs between consecutive frames. With D_k the registered, bare-levelled difference to
 * frame 0 (`detectChanges`) and d = D_k − D_{k−1}, per block b of `blockLines` lines of frame k ≥ 1:
 *
 *   s_b = √max(C_b(L), 0),  C_b(L) = ⟨d(i) d(i + L)⟩ − ⟨d(i)⟩⟨d(i + L)⟩  (fast axis, lag L = 3 px),
 *
 * the lag-L autocovariance of the change: relief change of nuclei ≳ 50 nm (≥ 6 px) keeps its
 * variance at lag 3 px, while pixel noise — white, or correlated over ≤ 1 px by the bilinear
 * resampling of the registration, whose sub-pixel phase varies from frame to frame — drops out
 * (Bendat & Piersol, *Random Data*, 4th ed., §5.1: covariance of uncorrelated samples is zero).
 * The floor s₀ = √median|C_b| over the blocks of frame 2 against frame 1 (both before the onset:
 * the scale of C's zero-mean fluctuation); s_end the same over the last pair; the film counts as settled only if s_end ≤ `endFactor` · s₀
 * (default 3), else NaN. Threshold s* = `factor` · max(s₀, s_end) (default 3: a zero-mean C
 * fluctuates by ≈ σ²/√N, N ≈ 8000 pixel pairs per 16-line block; its root reads ≤ 1.5 s₀ on
 * quiet pairs). The film is stable from the first block (in time, after the last block above s*);
 * d integrates the change over one frame period ending at the block's lines, so the change stopped
 * at the *previous* frame's pass over the same lines: the estimate is that pass's mean potential,
 * resolved to one block (`blockLines` × v / line rate, as the onsets).
 */
import { median } from './roughness.js';
import type { ChangeDetection, FrameSequence } from './coverage.js';

/** Options of {@link stabilisationPotential}. */
export interface StabilisationOptions {
  /** Lines per block (default 16). */
  readonly blockLines?: number;
  /** Lag L (pixels, fast axis) of the autocovariance (default 3). */
  readonly lag?: number;
  /** Threshold in units of the floor (default 3). */
  readonly factor?: number;
  /** Largest last-pair floor, in units of the pre-onset floor, for which the film counts as settled (default 3). */
  readonly endFactor?: number;
  /** Absolute threshold (m) instead of factor × floor (e.g. to read noise-free truth frames at the observed level). */
  readonly threshold?: number;
}

/** Result of {@link stabilisationPotential}; potentials in V, heights in m. */
export interface Stabilisation {
  /** Potential from which the film no longer changes (V); NaN if it never stops or never started. */
  readonly potential: number;
  /** +1 if that potential lies on a cathodic (decreasing) sweep, −1 anodic, 0 unknown. */
  readonly sweep: 1 | -1 | 0;
  /** Time (s) of the same estimate. */
  readonly time: number;
  /** Potential span of one block (V): the resolution. */
  readonly resolution: number;
  /** Pre-onset floor s₀, floor max(s₀, s_end) and threshold s* (m). */
  readonly noiseFloor: number;
  readonly floor: number;
  readonly threshold: number;
  /** Per block: time and potential of the previous frame's pass, and s_b (m). */
  readonly blockTime: Float64Array;
  readonly blockPotential: Float64Array;
  readonly change: Float64Array;
}

/**
 * Find the potential from which the film's relief stops changing; see the module doc for the
 * statistic and the threshold (000, "In situ SEI formation …").
 */
export function stabilisationPotential(seq: FrameSequence, changes: ChangeDetection, options: StabilisationOptions = {}): Stabilisation {
  const n = seq.pixels;
  const K = seq.frames.length;
  const B = options.blockLines ?? 16;
  const L = options.lag ?? 3;
  const factor = options.factor ?? 3;
  const endFactor = options.endFactor ?? 3;
  if (!Number.isInteger(B) || B < 1 || B > n) throw new RangeError(`stabilisationPotential: blockLines = ${B}: expected an integer 1…${n}`);
  if (!Number.isInteger(L) || L < 1 || L >= n) throw new RangeError(`stabilisationPotential: lag = ${L}: expected an integer 1…${n - 1}`);
  if (!Number.isFinite(factor) || factor <= 1) throw new RangeError(`stabilisationPotential: factor = ${factor}: expected > 1`);
  if (!Number.isFinite(endFactor) || endFactor < 1) throw new RangeError(`stabilisationPotential: endFactor = ${endFactor}: expected ≥ 1`);
  if (options.threshold !== undefined && !(Number.isFinite(options.threshold) && options.threshold > 0)) throw new RangeError(`stabilisationPotential: threshold = ${options.threshold}: expected > 0 m`);
  if (K < 4) throw new RangeError(`stabilisationPotential: ${K} frames; need at least 4`);
  const bt: number[] = [];
  const be: number[] = [];
  const bs: number[] = [];
  const bk: number[] = [];
  const bc: number[] = [];
  for (let k = 1; k < K; k++) {
    const Dk = changes.diffs[k];
    const Dp = changes.diffs[k - 1];
    const vk = changes.valid[k];
    const vp = changes.valid[k - 1];
    for (let r0 = 0; r0 < n; r0 += B) {
      const r1 = Math.min(n, r0 + B);
      let ts = 0;
      let es = 0;
      let sa = 0;
      let sb = 0;
      let sab = 0;
      let m = 0;
      for (let r = r0; r < r1; r++) {
        ts += seq.lineTime[(k - 1) * n + r];
        es += seq.linePotential[(k - 1) * n + r];
        for (let i = 0; i + L < n; i++) {
          const p = r * n + i;
          const q = p + L;
          if (!vk[p] || !vk[q] || (k > 1 && (!vp[p] || !vp[q]))) continue;
          const a = Dk[p] - Dp[p];
          const b = Dk[q] - Dp[q];
          sa += a;
          sb += b;
          sab += a * b;
          m++;
        }
      }
      bt.push(ts / (r1 - r0));
      be.push(es / (r1 - r0));
      const C = m > 0 ? sab / m - (sa / m) * (sb / m) : Number.NaN;
      bc.push(Math.abs(C));
      bs.push(Math.sqrt(Math.max(C, 0)));
      bk.push(k);
    }
  }
  const s0 = Math.sqrt(median(bc.filter((c, i) => bk[i] === 2 && Number.isFinite(c))));
  const sEnd = Math.sqrt(median(bc.filter((c, i) => bk[i] === K - 1 && Number.isFinite(c))));
  const settled = options.threshold !== undefined || sEnd <= endFactor * s0;
  const floor = Math.max(s0, sEnd);
  const thr = options.threshold ?? factor * floor;
  let lastActive = -1;
  for (let i = 0; i < bs.length; i++) if (!(bs[i] < thr)) lastActive = i;
  const blocksPerFrame = Math.ceil(n / B);
  const first = lastActive + 1;
  const started = lastActive >= 2 * blocksPerFrame; // some change after the noise pair (2, 1)
  const ok = settled && started && first < bs.length;
  const resolution = Math.abs(seq.linePotential[Math.min(B, n - 1)] - seq.linePotential[0]);
  let sweep: 1 | -1 | 0 = 0;
  if (ok) {
    const k = bk[first] - 1;
    const r = Math.min(n - 1, (first % blocksPerFrame) * B + (B >> 1));
    const a = seq.linePotential[k * n + Math.max(0, r - 1)];
    const b = seq.linePotential[k * n + Math.min(n - 1, r + 1)];
    sweep = b < a ? 1 : b > a ? -1 : 0;
  }
  return {
    potential: ok ? be[first] : Number.NaN,
    sweep,
    time: ok ? bt[first] : Number.NaN,
    resolution,
    noiseFloor: s0,
    floor,
    threshold: thr,
    blockTime: Float64Array.from(bt),
    blockPotential: Float64Array.from(be),
    change: Float64Array.from(bs),
  };
}
