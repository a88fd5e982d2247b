/**
 * The in situ scenarios of paper 000 at reduced frame size (256² at the paper's pixel of
 * 4 µm/512 = 7.8 nm, i.e. 2 × 2 µm; the full 512² runs in bench/sei-imaging.ts): every score passes,
 * and the model truth reproduces the paper's numbers.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/sim/rng.js';
import { defaultSeiInsituConfig, runSeiInsitu } from '../src/sim/sei-experiments.js';
import { Luchkin2020 } from '../src/models/sei/index.js';
import type { SubstrateKind } from '../src/models/substrate/index.js';

const small = (kind: SubstrateKind, px = 256) => defaultSeiInsituConfig(kind, { imaging: { pixels: px, scanSize: (px * 4e-6) / 512 } });

function passAll(kind: SubstrateKind, seed: string) {
  const out = runSeiInsitu(small(kind), createRng(seed));
  for (const s of out.scores) expect(s.pass, `${kind} ${s.quantity}: truth ${s.truth}, estimate ${s.estimate}, tol ${s.tolerance}`).toBe(true);
  return out;
}

describe('in situ SEI scenarios (000 Fig. 3, Fig. 6)', () => {
  it('HOPG: step edges at 0.8 V, basal plane at 0.5 V, merge ~0.4 V, 2nd-cycle peak 3× smaller, R_q 0.1 nm', () => {
    const { results: r } = passAll('hopg', 'hopg-1');
    const p = Luchkin2020.hopg.paper;
    expect(r.onsets.map((o) => o.truth)).toEqual([p.edgeOnset.value, p.basalOnset.value]);
    expect(Math.abs(r.merge.truth - p.mergePotential.value)).toBeLessThan(0.05);
    expect(Math.abs(r.peak!.truthRatio / p.peakRatio.value - 1)).toBeLessThan(0.15);
    expect(Math.abs(r.roughness.truth / p.rmsRoughness.value - 1)).toBeLessThan(0.1);
    // onsets resolved far better than one frame span (0.66 V)
    expect(r.frameSpan).toBeGreaterThan(0.6);
  });
  it('MCMB: nucleation ~0.9 V, uniform ~0.6 V, stable ~0.3 V, peak almost 5× smaller, R_q 3.2 nm', () => {
    const { results: r } = passAll('mcmb', 'mcmb-1');
    const p = Luchkin2020.mcmb.paper;
    expect(Math.abs(r.merge.truth - p.uniformPotential.value)).toBeLessThan(0.05);
    // "At 0.6 V the SEI formed a uniform layer, which stabilized at about 0.3 V": on the cathodic sweep
    expect(Math.abs(r.stabilisation.truth - p.stablePotential.value)).toBeLessThan(0.05);
    expect(Math.abs(r.stabilisation.estimate - p.stablePotential.value)).toBeLessThan(0.05);
    expect(r.stabilisation.sweep).toBe(1);
    expect(Math.abs(r.peak!.truthRatio / p.peakRatio.value - 1)).toBeLessThan(0.15);
    expect(Math.abs(r.roughness.truth / p.rmsRoughness.value - 1)).toBeLessThan(0.1);
  });
  it('hard carbon: loose deposit seen at ~1 V, complete SEI ~0.4 V, no distinct peak, R_q 1.4 nm', () => {
    const { results: r } = passAll('hard-carbon', 'hc-1');
    const p = Luchkin2020['hard-carbon'].paper;
    expect(r.onsets[0].truth).toBe(p.depositOnset.value);
    expect(Math.abs(r.merge.truth - p.completePotential.value)).toBeLessThan(0.05);
    expect(r.peak!.distinct).toBe(false);
    expect(Math.abs(r.roughness.truth / p.rmsRoughness.value - 1)).toBeLessThan(0.1);
  });
  it('NMC 111: nothing in 3.0–4.5 V — no nucleus, no coverage (no false positive)', () => {
    const { results: r } = passAll('nmc111', 'nmc-1');
    expect(r.nucleiDetected).toBe(0);
    expect(r.maxCoverage).toBe(0);
  });
  it('same seed ⇒ byte-identical data/ and truth/ artifacts (64² frames)', () => {
    const a = runSeiInsitu(small('hard-carbon', 64), createRng('det'));
    const b = runSeiInsitu(small('hard-carbon', 64), createRng('det'));
    const sections = (o: typeof a) => o.artifacts.filter((x) => x.path.startsWith('data/') || x.path.startsWith('truth/'));
    const A = sections(a);
    const B = sections(b);
    expect(A.map((x) => x.path)).toEqual(B.map((x) => x.path));
    A.forEach((x, i) => expect(Buffer.from(x.content as never).equals(Buffer.from(B[i].content as never)), x.path).toBe(true));
  });
});
