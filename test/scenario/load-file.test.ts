import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load-file.ts';
import { formatScenarioError } from '../../src/scenario/errors.ts';

describe('loadScenarioFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferrosim-load-'));

  it('rejects a Latin-1 file with the position of the first non-UTF-8 byte', () => {
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('name: x\ndescription: IFN-'), Buffer.from([0xe3]), Buffer.from(' 10 ng/mL\n')]));
    const r = loadScenarioFile(file);
    expect(r.scenario).toBeUndefined();
    expect(r.errors.map(formatScenarioError)).toEqual([
      'the file is not UTF-8 text (byte 0xe3 at offset 25) at latin1.yaml:2:18; save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)',
    ]);
  });

  it('reports a missing file and a directory as unreadable', () => {
    expect(formatScenarioError(loadScenarioFile(join(dir, 'none.yaml')).errors[0])).toBe('cannot read the scenario file (no such file) at none.yaml');
    expect(loadScenarioFile(dir).errors[0].message).toBe('cannot read the scenario file (it is a directory)');
  });

  it('loads a valid UTF-8 file (with a byte-order mark) against the built-in model', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, '\ufeffname: ok\ndescription: µM and γ are fine\ntime: { end: 1 }\ninputs: { IFNG: 10 }\n');
    const r = loadScenarioFile(file);
    expect(r.errors).toEqual([]);
    expect(r.scenario!.inputs.IFNG).toEqual([{ at: 0, value: 10 }]);
  });
});
