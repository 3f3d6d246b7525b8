import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';

describe('src/scenario/index.ts', () => {
  it('bundles for the browser: nothing it imports needs a node: module', async () => {
    const entry = fileURLToPath(new URL('../../src/scenario/index.ts', import.meta.url));
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', metafile: true });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((p) => p.startsWith('node:'))).toBe(false);
    expect(inputs.some((p) => p.endsWith('src/scenario/load-file.ts'))).toBe(false);
    expect(inputs.some((p) => p.endsWith('src/scenario/parse.ts'))).toBe(true);
  });
});
