import { describe, expect, it } from 'vitest';
import { runSweepPoints } from '../../src/cli/pool.ts';
import { parseScenario, requireModel, shardRange, sweepSize, sweepToCsv, mergeSweepCsv, type Stamp } from '../../src/scenario/index.ts';

const TEXT = `name: pool-test
description: IFN-γ × erastin, small grid
time: { end: 48, points: 3 }
inputs:
  erastin: [{ at: 12, value: 1 }]
sweep:
  IFNG: [0, 10]
  erastin: { from: 0.1, to: 30, points: 6, scale: log }
  readout: { output: viability, at: 48 }
`;

const stamp: Stamp = {
  ferrosim: 'test', commit: 'test', model: 'ferroptosis', modelHash: 'h', scenario: 'pool-test', scenarioHash: 'h', method: 'rodas5p', rtol: 1e-6, atol: 1e-9, node: 'v',
};

describe('sweep worker pool', () => {
  it('gives bit-identical sweep files with 1, 2 and 4 workers (worker threads only, and with the calling thread computing too), and shards merge into the same bytes', async () => {
    const parsed = parseScenario(TEXT, 'pool-test.yaml');
    expect(parsed.errors).toEqual([]);
    const scenario = parsed.scenario!;
    requireModel(scenario.model);
    const source = { text: TEXT, fileName: 'pool-test.yaml' };
    const all = Array.from({ length: sweepSize(scenario) }, (_, i) => i);
    const units = { axes: ['ng/mL', 'µM'], readout: '1' };
    const files: string[] = [];
    // callerComputes: false forces every point through worker threads: with the calling thread
    // computing too, a grid this small can finish before the first worker has started.
    const configs = [
      { workers: 1 },
      { workers: 2, callerComputes: false },
      { workers: 4, callerComputes: false },
      { workers: 2 },
    ];
    for (const config of configs) {
      let last = 0;
      const results = await runSweepPoints(scenario, source, all, { ...config, onProgress: (d) => (last = d) });
      expect(last).toBe(all.length);
      expect(results.every((r) => r.status === 'success')).toBe(true);
      files.push(sweepToCsv(scenario, units, results, stamp));
    }
    for (const file of files.slice(1)) expect(file).toBe(files[0]);

    // Three shards, evaluated out of order, merge to the same bytes.
    const parts = await Promise.all([3, 1, 2].map(async (i) => {
      const [lo, hi] = shardRange(all.length, i, 3);
      const rs = await runSweepPoints(scenario, source, all.slice(lo, hi), { workers: 1 });
      return { name: `part-${i}.csv`, text: sweepToCsv(scenario, units, rs, stamp, { shard: i, of: 3 }) };
    }));
    expect(mergeSweepCsv(parts)).toBe(files[0]);
  }, 300_000);
});
