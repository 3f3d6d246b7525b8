/**
 * The SBML Test Suite (core-ODE subset in ../shared/sbml-semantic): every case is imported,
 * compiled, solved and compared with the suite's rule, from each of its files (L3V2 and the L2V1,
 * L2V4 and L2V5 files of the same models, with the same expected results), in one run. Without the
 * suite (see test/support/suites.ts) it is skipped. The set of cases that do not pass must equal
 * test/sbml/known-failures.tsv, so a new failure or a new pass shows up here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSbmlSuite, type SuiteResult } from '../../src/sbml/index.ts';
import { requireExternal } from '../support/suites.ts';

const casesDir = requireExternal('sbmlTestSuite');
const knownFile = fileURLToPath(new URL('./known-failures.tsv', import.meta.url));

function readKnown(): Map<string, { tier: number; status: string; reason: string }> {
  const known = new Map<string, { tier: number; status: string; reason: string }>();
  for (const line of readFileSync(knownFile, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [id, tier, status, reason] = line.split('\t');
    known.set(id, { tier: Number(tier), status, reason });
  }
  return known;
}

describe.skipIf(!casesDir)('SBML Test Suite', () => {
  let suite: SuiteResult;

  it('runs every case at every level it has and ends with the summary line', async () => {
    suite = await runSbmlSuite(casesDir!, { level: 'all' });
    const perLevel = (l: string) => suite.results.filter((r) => r.level === l).length;
    // 791 cases at L3V2 (11 of them from their L3V1 file); 557 have an L2V1 file, 678 L2V4 and L2V5.
    expect([perLevel('l3v2'), perLevel('l2v1'), perLevel('l2v4'), perLevel('l2v5')]).toEqual([791, 557, 678, 678]);
    expect(suite.results.length).toBe(791 + 557 + 678 + 678);
    expect(suite.lines.at(-1)).toBe(`${suite.passed} passed, ${suite.failed} failed, ${suite.unsupported} unsupported`);
    expect(suite.passed + suite.failed + suite.unsupported).toBe(suite.results.length);
  }, 240_000);

  it('passes at least 95 % of tier-1 and 90 % of tier-2 cases at every level', () => {
    for (const [tier, needed] of [[1, 0.95], [2, 0.9]] as const) {
      for (const level of ['l3v2', 'l2v1', 'l2v4', 'l2v5']) {
        const inTier = suite.results.filter((r) => r.tier === tier && r.level === level);
        const passed = inTier.filter((r) => r.status === 'pass').length;
        expect(inTier.length).toBeGreaterThan(0);
        expect(passed / inTier.length, `${level} tier ${tier}: ${passed}/${inTier.length}`).toBeGreaterThanOrEqual(needed);
      }
    }
  });

  it('runs one level alone when asked, and counts the cases without a file at that level', async () => {
    const ids = ['00001', '00002', '00003'].filter((id) => suite.results.some((r) => r.id === id));
    const withL2v1 = ids.filter((id) => suite.results.some((r) => r.id === id && r.level === 'l2v1'));
    const r = await runSbmlSuite(casesDir!, { level: 'l2v1', cases: ids });
    expect(r.results.map((x) => x.level)).toEqual(withL2v1.map(() => 'l2v1'));
    expect(r.missing).toBe(ids.length - withL2v1.length);
    expect(r.results.every((x) => x.line.startsWith(`${x.id} l2v1 `))).toBe(true);
  });

  it('fails exactly the cases listed in known-failures.tsv, with the listed status', () => {
    const known = readKnown();
    // Keys are case ids for L3V2 and `id/level` (e.g. 00123/l2v4) for the other levels.
    const key = (r: { id: string; level: string }) => (r.level === 'l3v2' ? r.id : `${r.id}/${r.level}`);
    const actual = suite.results.filter((r) => r.status !== 'pass');
    const unexpected = actual.filter((r) => known.get(key(r))?.status !== r.status).map((r) => r.line);
    const nowPassing = [...known.keys()].filter((k) => !actual.some((r) => key(r) === k));
    expect(unexpected, 'new failures (fix them or list them with a reason)').toEqual([]);
    expect(nowPassing, 'listed as failing but now pass (remove them from the list)').toEqual([]);
  });

  it('prints the worst point of a passing case as a fraction of the tolerance', () => {
    const r = suite.results.find((x) => x.level === 'l3v2' && x.status === 'pass')!;
    expect(r.line).toMatch(/^\d{5} \[tier [12]\] pass \(worst point at \d+\.\d{3} of the tolerance\)$/);
    expect(r.worst!.ratio).toBeLessThanOrEqual(1);
  });
});
