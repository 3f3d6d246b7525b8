/** describeModel and the generated reference page docs/model.md (`npm run docs`). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeModel, ferroptosis, modelMarkdown } from '../../src/model/index.ts';

describe('model description', () => {
  it('describeModel lists every species, parameter, input, reaction and observable with unit, value and source', () => {
    const d = describeModel(ferroptosis);
    expect(d.species.length).toBe(Object.keys(ferroptosis.species).length);
    expect(d.parameters.length).toBe(Object.keys(ferroptosis.parameters).length);
    expect(d.inputs.length).toBe(20);
    expect(d.reactions.length).toBe(Object.keys(ferroptosis.reactions).length);
    const gsh = d.species.find((s) => s.id === 'GSH')!;
    expect(gsh).toMatchObject({ unit: 'µM', initial: 5000 });
    expect(gsh.source).toMatch(/\[V\]/);
    const kRsl3 = d.parameters.find((p) => p.id === 'k_RSL3')!;
    expect(kRsl3).toMatchObject({ value: 10, unit: '1/µM/h' });
    const gpx = d.reactions.find((r) => r.id === 'PLOOH_GPX4_reduction')!;
    expect(gpx.equation).toBe('PLOOH + 2 GSH → GSSG');
    expect(JSON.parse(JSON.stringify(d))).toEqual(d); // plain data
  });

  it('docs/model.md is up to date (run `npm run docs` after changing the model)', () => {
    const committed = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');
    expect(committed === modelMarkdown(ferroptosis), 'docs/model.md is stale: run `npm run docs`').toBe(true);
  });
});
