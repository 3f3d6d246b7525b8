import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileModel } from '../../src/model/compile.ts';
import { ferroptosis } from '../../src/model/ferroptosis/index.ts';

// Each test loads the scenario layer afresh, so which compiler is plugged in starts from scratch.
afterEach(() => {
  vi.doUnmock('../../src/scenario/builtin-models.ts');
  vi.resetModules();
});

describe('model registry', () => {
  it('uses the compiled built-in model the package build stores, without a compiler', async () => {
    const stored = compileModel(ferroptosis).serialized!;
    vi.doMock('../../src/scenario/builtin-models.ts', () => ({ BUILTIN_MODELS: [stored] }));
    const core = await import('../../src/scenario/core.ts');
    const m = core.requireModel('ferroptosis');
    expect(core.modelOrigin('ferroptosis')).toBe('precompiled');
    expect(m.hash).toBe(stored.hash);
    const parsed = core.parseScenario('name: t\ndescription: d\ntime: { end: 24, points: 3 }\ninputs: { erastin: 10 }\n', 't.yaml');
    expect(parsed.errors).toEqual([]);
    expect(core.runScenario(parsed.scenario!).status).toBe('success');
  });

  it('does not use a stored model for another definition under the same name, or from another compiler version', async () => {
    const stored = compileModel(ferroptosis).serialized!;
    vi.doMock('../../src/scenario/builtin-models.ts', () => ({ BUILTIN_MODELS: [{ ...stored, compiler: stored.compiler - 1 }] }));
    const core = await import('../../src/scenario/core.ts');
    expect(() => core.requireModel('ferroptosis')).toThrow(core.CompilerNotLoadedError);
    await core.loadModelCompiler();
    core.requireModel('ferroptosis');
    expect(core.modelOrigin('ferroptosis')).toBe('compiled');
  });

  it('compiles through the plugged-in compiler when the library entry is used', async () => {
    const index = await import('../../src/scenario/index.ts');
    index.registerModel('copy', { ...(ferroptosis as object), name: 'copy' } as never);
    expect(index.requireModel('copy').name).toBe('copy');
    expect(index.modelOrigin('copy')).toBe('compiled');
  });
});
