/** `ferrosim sbml-suite DIR [--level …]` and `ferrosim export-sbml [--model FILE]`. */
import { existsSync, statSync } from 'node:fs';
import { modelOption } from '../load.ts';
import type { SuiteLevel } from '../../sbml/index.ts';
import { FailureError, UserError } from '../errors.ts';
import { checkOutputPath, writeOutput } from '../output.ts';

/** Loaded when an SBML command runs (a literal specifier, so the package build bundles it). */
async function sbml(): Promise<typeof import('../../sbml/index.ts')> {
  return import('../../sbml/index.ts');
}

export async function sbmlSuiteCommand(dir: string, opts: { cases?: string; level?: string }): Promise<void> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir} is not a directory of SBML test-suite cases`);
  const mod = await sbml();
  const levels: readonly string[] = [...mod.SUITE_LEVELS, 'all'];
  const level = (opts.level ?? 'l3v2').toLowerCase() as SuiteLevel | 'all';
  if (!levels.includes(level)) throw new UserError(`--level must be one of ${levels.join(', ')} (got '${opts.level}')`);
  const cases = opts.cases ? opts.cases.split(',').map((c) => c.trim()).filter(Boolean) : undefined;
  const r = await mod.runSbmlSuite(dir, { log: (line) => process.stdout.write(`${line}\n`), level, ...(cases ? { cases } : {}) });
  process.stdout.write(`${r.lines.at(-1)}\n`);
  if (r.failed > 0) throw new FailureError(`${r.failed} SBML test case${r.failed === 1 ? '' : 's'} failed`);
}

export async function exportSbmlCommand(opts: { out?: string; model?: string }): Promise<void> {
  if (opts.out) checkOutputPath(opts.out, '--out', opts.model ? [opts.model] : []);
  const mod = await sbml();
  const xml = mod.exportSbml((await modelOption(opts.model ?? 'ferroptosis')).definition);
  if (opts.out) {
    writeOutput(opts.out, xml);
    process.stderr.write(`wrote ${opts.out}\n`);
  } else process.stdout.write(xml);
}
