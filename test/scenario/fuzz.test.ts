/**
 * A small deterministic fuzz test of the scenario parser (issue 14, "keep the 250-input spirit"):
 * random mutations of the shipped scenario files must give a scenario or located errors, never a
 * thrown exception or a stack trace in a message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';

const dir = join(import.meta.dirname, '..', '..', 'scenarios');
const seeds = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));

/** xorshift32 with a fixed seed: the same mutations on every run, so a failure reproduces. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const PIECES = [':', '-', '[', ']', '{', '}', ',', '&a', '*a', '!!str', '|', '>', "'", '"', '#', '\n', '  ', '\t', '0', '-1', '1e400', '.inf',
  'NaN', '~', 'null', 'true', '9'.repeat(30), '__proto__', 'constructor', 'µM', '"1e400 nM"', '<<: *a', '? ', '%YAML 1.2\n---\n', '\u0000', '\uFEFF'];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const lines = text.split('\n');
  switch (Math.floor(random() * 6)) {
    case 0: // insert a piece of YAML syntax or a hostile value
      return text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + text.slice(at);
    case 1: // delete a few characters
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
    case 2: { // duplicate a line
      const i = Math.floor(random() * lines.length);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 3: { // swap two lines
      const i = Math.floor(random() * lines.length);
      const j = Math.floor(random() * lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 4: // cut the file
      return text.slice(0, at);
    default: { // replace a number by another
      return text.replace(/\d+(\.\d+)?/g, (m) => (random() < 0.1 ? ['0', '-5', '1e300', '1e-320', '100000', '2.5'][Math.floor(random() * 6)] : m));
    }
  }
}

describe('scenario parser fuzz', () => {
  it('300 random mutations of the shipped scenarios give a scenario or located errors, never an exception', () => {
    const random = rng(0x5eed14);
    let refused = 0;
    for (let k = 0; k < 300; k++) {
      let text = seeds[k % seeds.length];
      for (let m = 1 + Math.floor(random() * 3); m > 0; m--) text = mutate(text, random);
      let r: ReturnType<typeof parseScenario>;
      try {
        r = parseScenario(text, 'fuzz.yaml');
      } catch (e) {
        throw new Error(`mutation ${k} threw ${(e as Error).stack}\n--- input ---\n${text}`);
      }
      if (r.scenario) continue;
      refused++;
      expect(r.errors.length, `mutation ${k}`).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(e.file).toBe('fuzz.yaml');
        expect(Number.isInteger(e.line) && e.line >= 0).toBe(true);
        expect(e.message, `mutation ${k}`).not.toMatch(/\n\s+at |TypeError|RangeError|undefined|\[object Object\]/);
      }
    }
    expect(refused).toBeGreaterThan(100); // the mutations do break files
  });
});
