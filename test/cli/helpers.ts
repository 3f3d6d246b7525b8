/** Runs the real `ferrosim` bin as a child process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'ferrosim.js');

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
