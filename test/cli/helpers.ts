/** Runs the real `ferrosim` bin (the package's dist/lib/cli.js) as a child process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built command, as `npm ci` leaves it (the global set-up rebuilds it when sources are newer). */
export const BIN = join(ROOT, 'dist', 'lib', 'cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function ferrosim(args: string[], options: { cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, FERROSIM_COMMIT: 'test', NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'ferrosim-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A 5 × 2 erastin × IFN-γ grid of 24-h runs: small enough for command-line tests (10 solves). */
export const SMALL_SWEEP = `# yaml-language-server: $schema=./scenario.schema.json
name: small-sweep
description: a short erastin × IFN-γ grid for CLI tests
model: ferroptosis
time: { end: 24, points: 5 }
inputs:
  erastin: 1
sweep:
  erastin: { from: 0.1, to: 30, points: 5, scale: log }
  IFNG: [0, 10]
  readout: { output: viability, at: 24 }
`;
