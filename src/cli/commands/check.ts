/** `ferrosim check [FILES...]` and `ferrosim golden [FILES...]`. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { compareCsv, summariseChanges, type GoldenDiff } from '../../scenario/index.ts';
import { FailureError, UserError } from '../errors.ts';
import { loadScenarioFile } from '../../scenario/load-file.ts';
import { formatScenarioError } from '../../scenario/index.ts';
import { scenarioFiles, type Loaded } from '../load.ts';
import { evaluateLoaded, goldenPath } from '../evaluate.ts';
import { fmt, table } from '../table.ts';
import { writeOutput } from '../output.ts';

/** Loads every file, printing all scenario errors before giving up with exit code 2. */
function loadAll(files: string[]): Loaded[] {
  const loaded = files.map((f) => loadScenarioFile(f));
  const bad = loaded.filter((l) => !l.scenario);
  if (bad.length > 0) {
    const lines = bad.flatMap((l) => l.errors.map((e) => `  ${formatScenarioError(e)}`));
    throw new UserError(`${lines.length} problem${lines.length === 1 ? '' : 's'} in ${bad.length} scenario file${bad.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
  }
  return loaded as Loaded[];
}

export async function checkCommand(files: string[], opts: { workers?: number; maxRows: number }): Promise<void> {
  const loaded = loadAll(scenarioFiles(files));
  const summary: string[][] = [];
  const allDiffs: GoldenDiff[] = [];
  const failures: string[] = [];
  for (const l of loaded) {
    const name = l.scenario.name;
    const ev = await evaluateLoaded(l, { workers: opts.workers, quiet: true });
    const gPath = goldenPath(l);
    let goldenStatus: string;
    if (!existsSync(gPath)) {
      goldenStatus = 'MISSING';
      failures.push(`${name}: no golden file ${relative('.', gPath)}; create it with \`ferrosim golden ${relative('.', l.path)}\``);
    } else {
      const cmp = compareCsv(name, readFileSync(gPath, 'utf8'), ev.csv, l.scenario.tolerance);
      for (const p of cmp.problems) failures.push(`${name}: ${relative('.', gPath)}: ${p}`);
      allDiffs.push(...cmp.diffs);
      goldenStatus = cmp.problems.length > 0 ? 'SHAPE' : cmp.diffs.length > 0 ? `${cmp.diffs.length} DIFF` : `ok (${cmp.compared})`;
      if (cmp.diffs.length > 0) failures.push(`${name}: ${cmp.diffs.length} golden value${cmp.diffs.length === 1 ? ' differs' : 's differ'}`);
    }
    const failedExpect = ev.expectations.filter((e) => !e.pass);
    for (const e of failedExpect) failures.push(`${name}: expectation failed: ${e.what} = ${fmt(e.value, 4)}, want ${e.bound}${e.note ? ` (${e.note})` : ''}`);
    for (const f of ev.failures.slice(0, 3)) failures.push(`${name}: solver failure: ${f}`);
    summary.push([name, goldenStatus, `${ev.expectations.length - failedExpect.length}/${ev.expectations.length}`, ev.failures.length ? `${ev.failures.length} FAILED` : 'ok']);
  }
  const out: string[] = [table(['scenario', 'golden (values)', 'expect', 'solves'], summary)];
  if (allDiffs.length > 0) {
    const byScenario = new Map<string, GoldenDiff[]>();
    for (const d of allDiffs) byScenario.set(d.scenario, [...(byScenario.get(d.scenario) ?? []), d]);
    const rows: string[][] = [];
    for (const [, diffs] of byScenario) {
      for (const d of diffs.slice(0, opts.maxRows)) {
        rows.push([d.scenario, d.output, d.at, typeof d.golden === 'number' ? fmt(d.golden, 8) : d.golden,
          typeof d.fresh === 'number' ? fmt(d.fresh, 8) : d.fresh, fmt(d.allowed, 3)]);
      }
      if (diffs.length > opts.maxRows) rows.push([diffs[0].scenario, `… ${diffs.length - opts.maxRows} more`, '', '', '', '']);
    }
    out.push('', 'differing points:', table(['scenario', 'output', 'time / point', 'golden', 'new', 'allowed'], rows));
  }
  process.stdout.write(`${out.join('\n')}\n`);
  if (failures.length > 0) {
    throw new FailureError(`check failed (${failures.length} problem${failures.length === 1 ? '' : 's'}):\n${failures.map((f) => `  ${f}`).join('\n')}`);
  }
  process.stdout.write(`all ${loaded.length} scenario${loaded.length === 1 ? '' : 's'} pass\n`);
}

export async function goldenCommand(files: string[], opts: { workers?: number }): Promise<void> {
  const loaded = loadAll(scenarioFiles(files));
  const out: string[] = [];
  const failures: string[] = [];
  for (const l of loaded) {
    const ev = await evaluateLoaded(l, { workers: opts.workers, quiet: true });
    if (ev.failures.length > 0) {
      failures.push(`${l.scenario.name}: not written, the solve failed: ${ev.failures[0]}`);
      continue;
    }
    const gPath = goldenPath(l);
    const rel = relative('.', gPath);
    if (!existsSync(gPath)) {
      out.push(`${l.scenario.name}: new golden file ${rel}`);
    } else {
      const change = summariseChanges(readFileSync(gPath, 'utf8'), ev.csv);
      if (change.columns.length === 0 && change.problems.length === 0) out.push(`${l.scenario.name}: unchanged`);
      else {
        out.push(`${l.scenario.name}: updated ${rel}`);
        for (const p of change.problems) out.push(`  ${p}`);
        if (change.columns.length > 0) {
          out.push(table(['output', 'changed', 'max |Δ|', 'max |Δ|/|old|'],
            change.columns.map((c) => [c.output, `${c.changed}/${c.total}`, fmt(c.maxAbs, 3), fmt(c.maxRel, 3)])).replace(/^/gm, '    '));
        }
      }
    }
    mkdirSync(dirname(gPath), { recursive: true });
    writeOutput(gPath, ev.csv);
    const failed = ev.expectations.filter((e) => !e.pass);
    for (const e of failed) out.push(`  warning: expectation fails: ${e.what} = ${fmt(e.value, 4)}, want ${e.bound}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  if (failures.length > 0) throw new FailureError(failures.join('\n'));
}
