import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { feaCalculator } from '../src/sim/fea-calculator.js';

const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8' });

describe('seisim fea', () => {
  it('--json gives the documented object, equal to the library result', () => {
    const r = cli(['fea', '--tip-radius', '10nm', '--tip-shape', 'flat', '--film-thickness', '100nm', '--youngs', '1MPa', '--poisson', '0.45', '--loss-tangent', '0.1', '--amplitude', '2nm', '--frequency', '1kHz', '--depths', '20nm,40nm,60nm', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.depths_m).toEqual([2e-8, 4e-8, 6e-8]);
    expect(out.force_N).toHaveLength(3);
    expect(Object.keys(out.force_N[0]).sort()).toEqual(['im', 're']);
    const lib = feaCalculator({ tipRadius_m: 10e-9, tipShape: 'flat', filmThickness_m: 100e-9, youngs_Pa: 1e6, poisson: 0.45, lossTangent: 0.1, amplitude_m: 2e-9, frequency_Hz: 1e3, depths_m: [2e-8, 4e-8, 6e-8] });
    expect(out.rg).toBe(lib.rg);
    // viscoelastic correspondence at the edge: F'' / F' = tanδ for a homogeneous film
    expect(out.force_N[1].im / out.force_N[1].re).toBeCloseTo(0.1, 10);
  });

  it('bad flags: exit 2, every problem named by its flag', () => {
    const r = cli(['fea', '--tip-radius=-10nm', '--film-thickness', '100', '--youngs', '1MPa', '--poisson', '0.7', '--depths', '20nm,40nm']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--film-thickness = 100: missing unit/);
    expect(r.stderr).toMatch(/--tip-radius/);
    expect(r.stderr).toMatch(/--poisson/);
  });
});
