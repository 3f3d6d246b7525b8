/**
 * The CI golden regression: `ferrosim check` over every shipped scenario must pass (expectations
 * from the biology, and golden outputs within each scenario's tolerance).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ferrosim, ROOT } from './helpers.ts';

describe('shipped scenarios', () => {
  const dir = join(ROOT, 'scenarios');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

  it('are at least 12, each with the schema line, a description, expectations and a golden file', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    const goldens = new Set(readdirSync(join(dir, 'golden')));
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text.split('\n')[0], f).toBe('# yaml-language-server: $schema=./scenario.schema.json');
      expect(text, f).toMatch(/\ndescription: /);
      expect(text, f).toMatch(/\nexpect:\n/);
      const name = /\nname: (\S+)/.exec(text)![1];
      expect(goldens.has(`${name}.csv`), `${f}: golden/${name}.csv`).toBe(true);
    }
  });

  it('pass `ferrosim check` (expectations and golden outputs)', () => {
    const r = ferrosim(['check']);
    if (r.code !== 0) console.error(r.stdout, r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`all ${files.length} scenarios pass`));
  });
});
