/**
 * Further CLI commands (calculators and scoring), registered by the thin front in src/cli.ts.
 * Each is a yargs builder that converts its flags' units once and calls one library function.
 */
import type { Argv } from 'yargs';
import { ParamError } from '../models/params.js';
import { checkFeaCalculatorInput, feaCalculator, formatFeaTable, type FeaCalculatorInput, type FeaCalculatorResult } from './fea-calculator.js';
import { ScenarioError, type ScenarioProblem } from './scenario.js';
import { toSI, UnitError } from './units.js';
import { ScoreInputError, scoreRunEstimate } from './score-command.js';

export type CommandInstaller = (cli: Argv, fail: (e: unknown) => never) => Argv;

/** Convert one flag to SI, collecting a located problem instead of throwing. */
function flagToSI(flag: string, value: unknown, siUnit: string, problems: ScenarioProblem[]): number {
  try {
    return toSI(typeof value === 'number' || typeof value === 'string' ? value : String(value), siUnit);
  } catch (e) {
    if (!(e instanceof UnitError)) throw e;
    problems.push({ file: 'command line', path: flag, value, message: e.message });
    return NaN;
  }
}

/** Turn model-level ParamErrors into located bad-input errors (exit 2). */
function asBadInput(e: unknown): unknown {
  if (e instanceof ParamError) return new ScenarioError(e.problems.map((p) => ({ file: 'command line', ...p })));
  return e;
}

/** `seisim fea …`: the FEA-lite lateral-force calculator (issue 3; src/sim/fea-calculator.ts). */
const feaCommand: CommandInstaller = (cli, fail) =>
  cli.command(
    'fea',
    'FEA-lite calculator: complex lateral force on a rigid tip in a dithered viscoelastic film, dF/dz_p and r_g (002 Eq. 5)',
    (y) =>
      y
        .option('tip-radius', { type: 'string', demandOption: true, describe: 'tip radius r_t, e.g. 10nm' })
        .option('tip-shape', { type: 'string', choices: ['flat', 'round', 'cone'], default: 'flat', describe: 'flat- or round-ended cylinder, or cone' })
        .option('cone-half-angle', { type: 'string', describe: 'cone half-angle, e.g. 20deg (cone only)' })
        .option('film-thickness', { type: 'string', demandOption: true, describe: 'film thickness h, e.g. 100nm' })
        .option('youngs', { type: 'string', demandOption: true, describe: "storage Young's modulus E', e.g. 1MPa" })
        .option('poisson', { type: 'string', default: '0.45', describe: 'Poisson ratio ν in (-1, 0.5)' })
        .option('loss-tangent', { type: 'string', default: '0', describe: "loss tangent tanδ = E''/E'" })
        .option('amplitude', { type: 'string', default: '2nm', describe: 'dither amplitude A_l' })
        .option('frequency', { type: 'string', default: '1kHz', describe: 'dither frequency f' })
        .option('depths', { type: 'string', demandOption: true, describe: 'penetration depths z_p, comma-separated, e.g. 20nm,40nm,60nm' })
        .option('domain-radius', { type: 'string', describe: 'outer radius b of the film domain (default 300 nm)' })
        .option('refinement', { type: 'number', describe: 'mesh refinement (1 = default, r_g within ~0.1 %)' })
        .option('json', { type: 'boolean', default: false, describe: 'print JSON: {depths_m, force_N:[{re,im}], dFdz_N_per_m, rg}' })
        .example('$0 fea --tip-radius 10nm --tip-shape flat --film-thickness 100nm --youngs 1MPa --depths 20nm,40nm,60nm', 'the paper\'s Fig. 2e set-up'),
    (a) => {
      const problems: ScenarioProblem[] = [];
      const input: FeaCalculatorInput = {
        tipRadius_m: flagToSI('--tip-radius', a['tip-radius'], 'm', problems),
        tipShape: a['tip-shape'] as FeaCalculatorInput['tipShape'],
        ...(a['cone-half-angle'] !== undefined ? { coneHalfAngle_rad: flagToSI('--cone-half-angle', a['cone-half-angle'], 'rad', problems) } : {}),
        filmThickness_m: flagToSI('--film-thickness', a['film-thickness'], 'm', problems),
        youngs_Pa: flagToSI('--youngs', a.youngs, 'Pa', problems),
        poisson: flagToSI('--poisson', Number(a.poisson), '1', problems),
        lossTangent: flagToSI('--loss-tangent', Number(a['loss-tangent']), '1', problems),
        amplitude_m: flagToSI('--amplitude', a.amplitude, 'm', problems),
        frequency_Hz: flagToSI('--frequency', a.frequency, 'Hz', problems),
        depths_m: String(a.depths)
          .split(',')
          .map((d, i) => flagToSI(`--depths[${i}]`, d.trim(), 'm', problems)),
        ...(a['domain-radius'] !== undefined ? { domainRadius_m: flagToSI('--domain-radius', a['domain-radius'], 'm', problems) } : {}),
        ...(a.refinement !== undefined ? { refinement: a.refinement } : {}),
      };
      for (const p of checkFeaCalculatorInput(input)) {
        if (!problems.some((q) => q.path === p.path || p.path.startsWith(`${q.path}[`))) problems.push({ file: 'command line', ...p });
      }
      if (problems.length > 0) fail(new ScenarioError(problems));
      let result: FeaCalculatorResult;
      try {
        result = feaCalculator(input);
      } catch (e) {
        return fail(asBadInput(e));
      }
      if (a.json) {
        const { depths_m, force_N, dFdz_N_per_m, rg, rgMethod, inputs, model } = result;
        process.stdout.write(`${JSON.stringify({ depths_m, force_N, dFdz_N_per_m, rg, rgMethod, inputs, model }, null, 2)}\n`);
      } else {
        process.stdout.write(`${formatFeaTable(result)}\n`);
      }
    },
  );

/** `seisim score <run-dir> --estimate results.csv`: score a user's own pipeline against truth/. */
const scoreCommand: CommandInstaller = (cli, fail) =>
  cli.command(
    'score <run-dir>',
    "score your own pipeline's estimates (CSV, format in the README) against a run's truth/; writes scores.json",
    (y) =>
      y
        .positional('run-dir', { type: 'string', demandOption: true, describe: 'a run directory written by seisim run' })
        .option('estimate', { type: 'string', demandOption: true, describe: 'your estimates: CSV with units in the header (see README)' })
        .option('out', { type: 'string', describe: 'where to write scores.json (default: beside the estimate CSV)' }),
    async (a) => {
      try {
        const r = await scoreRunEstimate({ runDir: a['run-dir'], estimatePath: a.estimate, ...(a.out ? { outPath: a.out } : {}) });
        const passed = r.file.scores.filter((s) => s.pass).length;
        process.stdout.write(`${r.file.scenario}: ${passed}/${r.file.scores.length} estimates within tolerance → ${r.outPath}\n`);
      } catch (e) {
        if (e instanceof ScoreInputError) fail(new ScenarioError(e.problems.map((m) => ({ file: a.estimate, path: '', value: undefined, message: m.startsWith(`${a.estimate}: `) ? m.slice(a.estimate.length + 2) : m }))));
        fail(e);
      }
    },
  );

/** The commands src/cli.ts installs after run/validate/list/params/schema. */
export const extraCommands: readonly CommandInstaller[] = [feaCommand, scoreCommand];
