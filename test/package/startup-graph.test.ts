/**
 * Start-up stays fast only while the code that runs the built-in model does not pull in the
 * model compiler: loading mathjs alone costs a process a few hundred ms. This checks the module
 * graph the package build produces: what `ferrosim run` and `ferrosim sweep` load before any
 * dynamic import, and what a sweep worker loads, must contain no mathjs and no compiler module.
 */
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ENTRY_POINTS } from '../../scripts/build-package.ts';

function staticClosure(meta: Metafile, entryPoint: string): string[] {
  const outs = meta.outputs;
  const start = Object.keys(outs).find((k) => outs[k]!.entryPoint === entryPoint);
  if (!start) throw new Error(`no output for ${entryPoint}`);
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of outs[f]!.imports) if (i.kind === 'import-statement' && !i.external) stack.push(i.path);
  }
  return [...seen].flatMap((o) => Object.keys(outs[o]!.inputs));
}

describe('start-up module graph of the built package', () => {
  it('loads neither mathjs nor the compiler to run or sweep a precompiled model, nor in a sweep worker', async () => {
    const result = await build({
      entryPoints: [ENTRY_POINTS.cli, ENTRY_POINTS['sweep-worker']], outdir: 'unused', bundle: true, splitting: true, format: 'esm',
      platform: 'node', metafile: true, write: false, logLevel: 'silent', define: { FERROSIM_BUILD: '{"version":"0","commit":""}' },
    });
    for (const entry of ['src/cli/commands/run.ts', 'src/cli/commands/sweep.ts', ENTRY_POINTS['sweep-worker']]) {
      const inputs = staticClosure(result.metafile, entry);
      expect(inputs, entry).toContain('src/scenario/run.ts');
      expect(inputs.filter((i) => i.includes('node_modules/mathjs') || /src\/model\/(compile|expr|derivative|analyze|codegen)\.ts$/.test(i)), entry).toEqual([]);
    }
  }, 60_000);

  it('loads only the command shell for --help: no scenario layer, model, solver, yaml or zod', async () => {
    const result = await build({
      entryPoints: [ENTRY_POINTS.cli], outdir: 'unused', bundle: true, splitting: true, format: 'esm',
      platform: 'node', metafile: true, write: false, logLevel: 'silent', define: { FERROSIM_BUILD: '{"version":"0","commit":""}' },
    });
    const inputs = staticClosure(result.metafile, ENTRY_POINTS.cli);
    expect(inputs).toContain('src/cli/main.ts');
    expect(inputs.filter((i) => /^src\/(scenario|model|solver|sbml|analysis)\//.test(i) || /node_modules\/(yaml|zod|mathjs)\//.test(i))).toEqual([]);
  }, 60_000);
});
