/**
 * Further CLI commands (calculators and scoring), registered by the thin front in src/cli.ts.
 * Each is a yargs builder that calls one library function.
 */
import type { Argv } from 'yargs';

export type CommandInstaller = (cli: Argv, fail: (e: unknown) => never) => Argv;

export const extraCommands: readonly CommandInstaller[] = [];
