/**
 * What the bench runner hands to every section (see .helpers/INTERFACES.md): the mode, where raw
 * results go, and a logger that writes progress to stderr so stdout stays a clean markdown report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchContext {
  /** Short run: fewer repeats and tolerances; the whole bench should finish in about 20 s. */
  quick: boolean;
  /** Absolute path of bench/results/ (git-ignored). */
  resultsDir: string;
  /** Writes `data` as pretty JSON to `<resultsDir>/<name>.json`. */
  saveJson(name: string, data: unknown): void;
  /** Progress line on stderr. */
  log(msg: string): void;
}

export function createContext(resultsDir: string, quick: boolean): BenchContext {
  mkdirSync(resultsDir, { recursive: true });
  return {
    quick,
    resultsDir,
    saveJson(name, data) {
      const file = join(resultsDir, name.endsWith('.json') ? name : `${name}.json`);
      // NaN marks a failed run in our tables; JSON has no NaN, so write null there.
      writeFileSync(file, JSON.stringify(data, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
    },
    log(msg) {
      process.stderr.write(`${msg}\n`);
    },
  };
}
