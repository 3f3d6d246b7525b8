/** `ferrosim sbml-suite DIR` and `ferrosim export-sbml`, wired to src/sbml when it is present. */
import { existsSync, statSync } from 'node:fs';
import { requireModel } from '../../scenario/index.ts';
import type { ModelDefinition } from '../../model/types.ts';
import { FailureError, UserError } from '../errors.ts';
import { checkOutputPath, writeOutput } from '../output.ts';

interface SbmlModule {
  runSbmlSuite?: (dir: string, options?: { log?: (line: string) => void; cases?: string[]; level?: string }) => Promise<{ passed: number; failed: number; unsupported: number; lines: string[] }>;
  SUITE_LEVELS?: readonly string[];
  exportSbml?: (def: ModelDefinition) => string;
}

// A variable specifier: the SBML part is optional in this build.
const SBML_MODULE = '../../sbml/index.ts';

async function sbml(): Promise<SbmlModule> {
  try {
    return (await import(SBML_MODULE)) as SbmlModule;
  } catch (e) {
    throw new FailureError(`SBML support is not available in this build (src/sbml/index.ts could not be loaded: ${(e as Error).message.split('\n')[0]})`);
  }
}

export async function sbmlSuiteCommand(dir: string, opts: { cases?: string; level?: string }): Promise<void> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir} is not a directory of SBML test-suite cases`);
  const mod = await sbml();
  if (typeof mod.runSbmlSuite !== 'function') throw new FailureError('SBML support is not available: src/sbml/index.ts has no runSbmlSuite');
  const levels = [...(mod.SUITE_LEVELS ?? []), 'all'];
  const level = (opts.level ?? 'l3v2').toLowerCase();
  if (!levels.includes(level)) throw new UserError(`--level must be one of ${levels.join(', ')} (got '${opts.level}')`);
  const cases = opts.cases ? opts.cases.split(',').map((c) => c.trim()).filter(Boolean) : undefined;
  const r = await mod.runSbmlSuite(dir, { log: (line) => process.stdout.write(`${line}\n`), level, ...(cases ? { cases } : {}) });
  process.stdout.write(`${r.lines.at(-1)}\n`);
  if (r.failed > 0) throw new FailureError(`${r.failed} SBML test case${r.failed === 1 ? '' : 's'} failed`);
}

export async function exportSbmlCommand(opts: { out?: string }): Promise<void> {
  if (opts.out) checkOutputPath(opts.out, '--out');
  const mod = await sbml();
  if (typeof mod.exportSbml !== 'function') throw new FailureError('SBML export is not available: src/sbml/index.ts has no exportSbml');
  const xml = mod.exportSbml(requireModel('ferroptosis').definition);
  if (opts.out) {
    writeOutput(opts.out, xml);
    process.stderr.write(`wrote ${opts.out}\n`);
  } else process.stdout.write(xml);
}
