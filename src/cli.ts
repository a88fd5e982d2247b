#!/usr/bin/env node
/**
 * seisim command line: a thin yargs front. Each command parses its arguments, calls one library
 * function (the same one the tests call) and sets the exit code: 0 ok, 2 bad input (every problem
 * printed), 1 runtime failure (one-line cause).
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import cliProgress from 'cli-progress';
import { ScenarioError, loadScenario, scenarioJsonSchema } from './sim/scenario.js';
import { RunFailure, runScenarioFile, oneLine } from './sim/runner.js';
import { listCatalog, paramsTable } from './sim/catalog.js';
import { MODELS } from './sim/models.js';
import type { Score } from './io/artifact.js';
import { extraCommands } from './sim/cli-commands.js';

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_BAD_INPUT = 2;

/** Bad command-line input: printed as is, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function progressBar(quiet: boolean): { update: (f: number, label?: string) => void; stop: () => void } {
  if (quiet || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ' {bar} {percentage}% | {label}', hideCursor: true, clearOnComplete: true, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0, { label: 'starting' });
  return {
    update: (f, label) => bar.update(Math.round(Math.min(1, Math.max(0, f)) * 1000), { label: label ?? '' }),
    stop: () => bar.stop(),
  };
}

/** `scores: 44/44 within tolerance; bias checks (expected to fail): 0/24`. */
function scoreHeadline(scores: readonly Score[]): string {
  const count = (g: Score['group']) => {
    const of = scores.filter((s) => (s.group ?? 'recovery') === g);
    return { n: of.length, passed: of.filter((s) => s.pass).length };
  };
  const rec = count('recovery');
  const ver = count('verification');
  const bias = count('bias');
  const paper = count('paper');
  const parts = rec.n > 0 || (ver.n === 0 && paper.n === 0 && bias.n === 0) ? [`scores: ${rec.passed}/${rec.n} within tolerance`] : [];
  if (ver.n > 0) parts.push(`verifications: ${ver.passed}/${ver.n}`);
  if (paper.n > 0) parts.push(`paper values reproduced: ${paper.passed}/${paper.n}`);
  if (bias.n > 0) parts.push(`bias demonstrations (a wrong choice, expected outside tolerance): ${bias.n - bias.passed}/${bias.n} outside`);
  return parts.join('; ');
}

function fail(e: unknown): never {
  if (e instanceof ScenarioError) {
    for (const p of e.problems) process.stderr.write(`error: ${oneProblem(p)}\n`);
    process.stderr.write(`${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}; nothing was written.\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  process.stderr.write(`seisim: runtime failure: ${oneLine(e)}\n`);
  if (process.env.SEISIM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(EXIT_RUNTIME);
}

function oneProblem(p: ScenarioError['problems'][number]): string {
  return new ScenarioError([p]).message;
}

/** The yargs front: every command, its options and help; `parseAsync` runs the chosen one. */
export function buildCli(argv: string[]): Argv {
  let cli = yargs(argv)
    .scriptName('seisim')
    .usage('$0 <command> [options]\n\nDigital twin of scanning-probe experiments on the battery SEI: synthetic AFM, force-curve, nanorheology (NRM), c-AFM and SECCM data with known ground truth.')
    .command(
      'run <scenario>',
      'run a scenario and write its run directory (data/, truth/, results/, plots/, manifest.json)',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .option('out', { type: 'string', describe: 'output directory (default runs/<name>-seed<seed>)' })
          .option('seed', { type: 'string', describe: 'root seed (overrides the scenario; default: the scenario seed, else a fresh one, printed)' })
          .option('set', { type: 'string', array: true, describe: 'override a value: --set path=value (e.g. --set probe.length="130 um")' })
          .option('overwrite', { type: 'boolean', default: false, describe: 'replace an existing run directory' })
          .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no progress bar, print only the output directory' }),
      async (a) => {
        const bar = progressBar(a.quiet);
        try {
          const report = await runScenarioFile({
            scenarioPath: a.scenario,
            out: a.out,
            seed: a.seed,
            overrides: a.set ?? [],
            overwrite: a.overwrite,
            commandLine: ['seisim', ...argv],
            progress: bar.update,
            onSeed: (seed, generated) => {
              if (generated && !a.quiet) process.stderr.write(`seed: ${seed} (generated; pass --seed ${seed} to replay)\n`);
            },
          });
          bar.stop();
          if (a.quiet) {
            process.stdout.write(`${report.outDir}\n`);
            return;
          }
          process.stdout.write(`${report.scenario.name}: seed ${report.seed} → ${report.outDir}\n`);
          process.stdout.write(`  ${report.manifest.files.length} files; ${scoreHeadline(report.scores)} (results/scores.json)\n`);
          for (const [k, v] of Object.entries(report.summary)) {
            if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') process.stdout.write(`  ${k}: ${v}\n`);
          }
        } catch (e) {
          bar.stop();
          fail(e);
        }
      },
    )
    .command(
      'validate <scenarios..>',
      'check scenario files without running them (exit 0 valid, 2 invalid)',
      (y) =>
        y
          .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'scenario YAML files' })
          .option('set', { type: 'string', array: true, describe: 'override a value: --set path=value' }),
      (a) => {
        const problems: ScenarioError['problems'][number][] = [];
        for (const file of a.scenarios) {
          try {
            const s = loadScenario(file, { overrides: a.set ?? [] });
            process.stdout.write(`ok   ${file} (${s.experiment}${s.seed !== undefined ? `, seed ${s.seed}` : ''})\n`);
          } catch (e) {
            if (!(e instanceof ScenarioError)) fail(e);
            process.stdout.write(`FAIL ${file}\n`);
            problems.push(...e.problems);
          }
        }
        if (problems.length > 0) fail(new ScenarioError(problems));
      },
    )
    .command('list', 'list the shipped scenarios and the models', {}, () => {
      process.stdout.write(`${listCatalog()}\n`);
    })
    .command(
      'params <model>',
      "print a model's parameter table: name, unit, default, range, source",
      (y) => y.positional('model', { type: 'string', demandOption: true, choices: Object.keys(MODELS), describe: 'model name (see seisim list)' }),
      (a) => {
        process.stdout.write(`${paramsTable(a.model)}\n`);
      },
    )
    .command('schema', 'print the JSON Schema of scenario files (for YAML autocompletion in editors)', {}, () => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
  for (const extra of extraCommands) cli = extra(cli, fail);
  return cli
    .demandCommand(1, 'name a command (seisim --help lists them)')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err) fail(err);
      process.stderr.write(`error: ${msg}\n(seisim --help for usage)\n`);
      process.exit(EXIT_BAD_INPUT);
    });
}

await buildCli(hideBin(process.argv)).parseAsync();
