/**
 * Fault injection: a worker killed mid-sweep (FERROSIM_FAULT_KILL_POINT, see sweep-worker.ts) must
 * cost nothing when its point succeeds on the retry, and must show up as a failed point, never a
 * dropped one, when the retry dies too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSweepPoints } from '../../src/cli/pool.ts';
import { parseScenario, requireModel, sweepSize } from '../../src/scenario/index.ts';
import { tempDir } from './helpers.ts';

const TEXT = `name: pool-faults
description: eight erastin doses
time: { end: 24, points: 3 }
sweep:
  erastin: { from: 0.1, to: 30, points: 8, scale: log }
  readout: { output: viability, at: 24 }
`;
const scenario = parseScenario(TEXT, 'pool-faults.yaml').scenario!;
const source = { text: TEXT, fileName: 'pool-faults.yaml' };
const all = Array.from({ length: sweepSize(scenario) }, (_, i) => i);

afterEach(() => {
  delete process.env.FERROSIM_FAULT_KILL_POINT;
});

describe('sweep pool with a worker killed mid-sweep', () => {
  it('retries the point once on another worker and gives the same results as an undisturbed sweep', async () => {
    requireModel(scenario.model);
    const clean = await runSweepPoints(scenario, source, all, { workers: 1 });
    const marker = join(tempDir('ferrosim-fault-'), 'killed');
    process.env.FERROSIM_FAULT_KILL_POINT = `5,${marker}`;
    const seen: number[] = [];
    const results = await runSweepPoints(scenario, source, all, { workers: 2, callerComputes: false, onResult: (r) => seen.push(r.index) });
    expect(existsSync(marker)).toBe(true); // a worker really died on point 5
    expect(readFileSync(marker, 'utf8')).toContain('point 5');
    expect(results.map((r) => [r.index, r.value, r.status])).toEqual(clean.map((r) => [r.index, r.value, r.status]));
    expect([...seen].sort((a, b) => a - b)).toEqual(all); // every point reported exactly once
  }, 120_000);

  it('reports a point whose retry dies too as worker-failed, and every other point normally', async () => {
    process.env.FERROSIM_FAULT_KILL_POINT = '3';
    const results = await runSweepPoints(scenario, source, all, { workers: 2, callerComputes: false });
    expect(results.map((r) => r.index)).toEqual(all);
    expect(results[3]).toMatchObject({ status: 'worker-failed', message: expect.stringMatching(/died twice \(exit code 70\)/) });
    expect(Number.isNaN(results[3].value)).toBe(true);
    expect(results.filter((r) => r.status === 'success').length).toBe(all.length - 1);
  }, 120_000);
});
