/**
 * The SBML Test Suite (core-ODE subset in ../shared/sbml-semantic): every case is imported,
 * compiled, solved and compared with the suite's rule. Without the suite (see test/support/suites.ts) it is skipped. The set of cases that do not pass must equal
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

  it('runs every case and ends with the summary line', async () => {
    suite = await runSbmlSuite(casesDir!);
    expect(suite.results.length).toBe(791);
    expect(suite.lines.at(-1)).toBe(`${suite.passed} passed, ${suite.failed} failed, ${suite.unsupported} unsupported`);
    expect(suite.passed + suite.failed + suite.unsupported).toBe(791);
  });

  it('passes at least 95 % of tier-1 and 90 % of tier-2 cases', () => {
    for (const [tier, needed] of [[1, 0.95], [2, 0.9]] as const) {
      const inTier = suite.results.filter((r) => r.tier === tier);
      const passed = inTier.filter((r) => r.status === 'pass').length;
      expect(inTier.length).toBeGreaterThan(0);
      expect(passed / inTier.length, `tier ${tier}: ${passed}/${inTier.length}`).toBeGreaterThanOrEqual(needed);
    }
  });

  it('fails exactly the cases listed in known-failures.tsv, with the listed status', () => {
    const known = readKnown();
    const actual = suite.results.filter((r) => r.status !== 'pass');
    const unexpected = actual.filter((r) => known.get(r.id)?.status !== r.status).map((r) => r.line);
    const nowPassing = [...known.keys()].filter((id) => !actual.some((r) => r.id === id));
    expect(unexpected, 'new failures (fix them or list them with a reason)').toEqual([]);
    expect(nowPassing, 'listed as failing but now pass (remove them from the list)').toEqual([]);
  });

  it('prints the worst point of a passing case as a fraction of the tolerance', () => {
    const r = suite.results.find((x) => x.id === '00001' || x.status === 'pass')!;
    expect(r.line).toMatch(/^\d{5} \[tier [12]\] pass \(worst point at \d+\.\d{3} of the tolerance\)$/);
    expect(r.worst!.ratio).toBeLessThanOrEqual(1);
  });
});
