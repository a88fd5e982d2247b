import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError, splitPath, scenarioJsonSchema, formatProblem } from '../src/sim/scenario.js';
import { defineExperiment, type ExperimentId } from '../src/sim/experiment.js';
import { fieldsOf, list, oneOf, section, quantity } from '../src/sim/schema.js';

const TOY = defineExperiment({
  id: 'thermal-tune' as ExperimentId,
  title: 'toy',
  doc: 'toy experiment for loader tests',
  fields: {
    probe: section('probe', {
      ...fieldsOf({
        length: { unit: 'm', min: 0, exclusiveMin: true, default: 125e-6, doc: 'beam length L' },
        poisson: { unit: '1', min: -1, exclusiveMin: true, max: 0.5, default: 0.3, doc: 'Poisson ratio' },
        springConstant: { unit: 'N/m', min: 0, exclusiveMin: true, doc: 'k (required)' },
      }),
      shape: oneOf(['paraboloid', 'cone'] as const, 'tip shape', 'paraboloid'),
    }),
    depths: list(quantity({ unit: 'm', min: 0, doc: 'depth' }), 'depths', { minItems: 1, default: ['1 nm'] }),
  },
  run: () => ({ artifacts: [], scores: [], summary: {} }),
});
const REG = { 'thermal-tune': TOY };

const ok = `schema: seisim/scenario@1
name: toy
seed: 42
experiment: thermal-tune
probe:
  length: 100 um
  springConstant: 0.6 N/m
depths: [1 nm, 2 nm]
`;

function problemsOf(text: string, overrides: string[] = []) {
  try {
    parseScenario(text, 'toy.yaml', { experiments: REG, overrides });
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

describe('scenario loading', () => {
  it('resolves units to SI and fills defaults', () => {
    const s = parseScenario(ok, 'toy.yaml', { experiments: REG });
    expect(s.seed).toBe('42');
    expect(s.config).toEqual({ probe: { length: 100e-6, poisson: 0.3, springConstant: 0.6, shape: 'paraboloid' }, depths: [1e-9, 2e-9] });
  });

  it('reports every problem at once, with line, path, value, expected range and hint', () => {
    const bad = ok.replace('length: 100 um', 'length: -5 um\n  lenght: 3 um\n  poisson: 0.7\n  shape: coen');
    const ps = problemsOf(bad);
    const paths = ps.map((p) => p.path).sort();
    expect(paths).toEqual(['probe.length', 'probe.lenght', 'probe.poisson', 'probe.shape'].sort());
    const typo = ps.find((p) => p.path === 'probe.lenght')!;
    expect(typo.hint).toBe("did you mean 'length'?");
    expect(typo.line).toBe(7);
    const neg = ps.find((p) => p.path === 'probe.length')!;
    expect(formatProblem(neg)).toMatch(/toy\.yaml:6: probe\.length = "-5 um": out of range.*expected length in \(0, inf\) m/);
    expect(ps.find((p) => p.path === 'probe.shape')!.hint).toBe("did you mean 'cone'?");
  });

  it('--set overrides go through the same validation', () => {
    const s = parseScenario(ok, 'toy.yaml', { experiments: REG, overrides: ['probe.length=130 um', 'depths[1]=5 nm'] });
    expect((s.config as any).probe.length).toBeCloseTo(130e-6, 15);
    expect((s.config as any).depths[1]).toBeCloseTo(5e-9, 20);
    expect(problemsOf(ok, ['probe.length=2 mV/s']).map((p) => p.message)[0]).toMatch(/wrong dimension/);
    expect(problemsOf(ok, ['probe.lngth=2 um'])[0].hint).toBe("did you mean 'length'?");
  });

  it('rejects YAML tags, alias bombs and duplicate keys', () => {
    expect(problemsOf(ok.replace('seed: 42', 'seed: !!js/function 42'))[0].message).toMatch(/tag/i);
    const bomb = ok + 'x0: &a [1,1,1,1,1,1,1,1,1,1]\nx1: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nx2: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nx3: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    expect(problemsOf(bomb)[0].message).toMatch(/alias/i);
    expect(problemsOf(ok + 'seed: 3\n')[0].message).toMatch(/YAML/);
  });

  it('splitPath reads dotted paths with indices', () => {
    expect(splitPath('a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
    expect(splitPath('windows.0.from')).toEqual(['windows', 0, 'from']);
  });

  it('JSON Schema lists units, ranges and required keys', () => {
    const js = scenarioJsonSchema(REG) as any;
    const variant = js.oneOf[0];
    expect(variant.properties.probe.properties.length.description).toMatch(/beam length L \[m; range \(0, inf\) m; default 0\.000125\]/);
    expect(variant.properties.probe.required).toEqual(['springConstant']);
    expect(variant.properties.probe.additionalProperties).toBe(false);
  });
});
