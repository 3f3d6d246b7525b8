/**
 * Builds the ferrosim package into dist/ (run by `npm ci` through `prepare`, and by `npm run build`):
 *
 *   dist/lib/    plain-JavaScript ESM bundles made by esbuild: the library entry points (index,
 *                solver, model, scenario, sbml), the `ferrosim` command (cli.js), the sweep worker
 *                (sweep-worker.js), shared chunks, and plotly.min.js for `run --html` reports.
 *                Dependencies (mathjs, yaml, zod, …) are bundled in (see below).
 *   dist/types/  type declarations written by tsc.
 *
 * Nothing is compiled when the package runs. The version and the git commit are injected as the
 * FERROSIM_BUILD constant (types/build.d.ts).
 *
 *   npx tsx scripts/build-package.ts [--no-types]
 */
import { build, transform, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LIB = join(ROOT, 'dist', 'lib');
const TYPES = join(ROOT, 'dist', 'types');
const BUILD_INFO = 'build-info.json';

/** Public entry points: `exports` in package.json maps the subpaths to these files. */
export const ENTRY_POINTS = {
  index: 'src/index.ts',
  solver: 'src/solver/index.ts',
  model: 'src/model/index.ts',
  scenario: 'src/scenario/index.ts',
  sbml: 'src/sbml/index.ts',
  cli: 'src/cli/bin.ts',
  'sweep-worker': 'src/cli/sweep-worker.ts',
} as const;

/** The commit being built (`git rev-parse --short=12 HEAD`), '' outside a git checkout; also stamps the browser app. */
export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '';
  }
}

/** Relative `.ts` specifiers in the declarations become `.js`, as in the built code beside them. */
function rewriteDeclarationImports(dir: string): void {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) rewriteDeclarationImports(file);
    else if (name.endsWith('.d.ts')) {
      const text = readFileSync(file, 'utf8');
      const out = text.replace(/(from\s+|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g, '$1$2$3.js$2');
      if (out !== text) writeFileSync(file, out);
    }
  }
}

/** Replaces `target` by the finished `next` folder with two renames. */
function swapIn(next: string, target: string): void {
  const old = `${target}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, old);
  renameSync(next, target);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Stores the compiled built-in model in the bundle: the contents of src/scenario/builtin-models.ts
 * (empty in the source tree) become the serialized compiled ferroptosis model, so the built
 * `ferrosim run` of a shipped scenario neither compiles nor loads mathjs. The registry uses it only
 * for the built-in definition it was compiled from, and only with the same compiler version.
 */
export async function builtinModelsPlugin(): Promise<Plugin> {
  const { compileModel } = await import('../src/model/compile.ts');
  const { BUILTIN_DEFINITIONS } = await import('../src/scenario/registry.ts');
  const stored = [...BUILTIN_DEFINITIONS.values()].map((d) => compileModel(d).serialized);
  return {
    name: 'ferrosim-builtin-models',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]scenario[\\/]builtin-models\.ts$/ }, () => ({
        contents: `export const BUILTIN_MODELS = ${JSON.stringify(stored)};\n`,
        loader: 'js',
      }));
    },
  };
}

export interface PackageBuildReport {
  files: { name: string; bytes: number }[];
  ms: number;
}

export async function buildPackage(options: { types?: boolean } = {}): Promise<PackageBuildReport> {
  const started = performance.now();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const commit = gitCommit();
  // Built beside dist/lib and swapped in at the end, so a `ferrosim` started meanwhile (e.g. by a
  // test) never sees a half-written folder.
  const next = `${LIB}.next`;
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRY_POINTS).map(([k, v]) => [k, join(ROOT, v)])),
    outdir: next,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies are bundled too: loading mathjs's ~1000 ESM files from node_modules costs about
    // a second of start-up, its bundled copy a quarter of that. They stay listed as dependencies
    // (the type declarations refer to their types).
    legalComments: 'eof',
    // No source maps: they would point at src/, which the package does not ship.
    logLevel: 'warning',
    chunkNames: 'chunk-[hash]',
    plugins: [await builtinModelsPlugin()],
    define: { FERROSIM_BUILD: JSON.stringify({ version: pkg.version, commit }) },
    // Some dependencies (odex) are CommonJS and loaded with require(); ESM has none, so give each
    // file a real one.
    banner: { js: "import { createRequire as __ferrosimRequire } from 'node:module'; const require = __ferrosimRequire(import.meta.url);" },
  });
  chmodSync(join(next, 'cli.js'), 0o755);
  // What was built, for ensureFreshBuild: the stamp carries the commit, so a build of an older
  // commit is stale even when no source file changed.
  writeFileSync(join(next, BUILD_INFO), `${JSON.stringify({ version: pkg.version, commit })}\n`);

  // `ferrosim run --html` inlines plotly; minify it here instead of at every report.
  const require = createRequire(import.meta.url);
  const plotly = readFileSync(require.resolve('plotly.js-dist'), 'utf8');
  writeFileSync(join(next, 'plotly.min.js'), (await transform(plotly, { minify: true, legalComments: 'eof' })).code);
  swapIn(next, LIB);

  if (options.types ?? true) {
    const nextTypes = `${TYPES}.next`;
    rmSync(nextTypes, { recursive: true, force: true });
    const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', nextTypes], { cwd: ROOT, stdio: 'inherit' });
    rewriteDeclarationImports(nextTypes);
    swapIn(nextTypes, TYPES);
  }
  const files = readdirSync(LIB).filter((f) => !f.endsWith('.map')).map((name) => ({ name, bytes: statSync(join(LIB, name)).size }));
  return { files, ms: performance.now() - started };
}

/** Newest modification time (ms) of the files the package is built from. */
function newestSource(): number {
  let newest = statSync(join(ROOT, 'package.json')).mtimeMs;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      const st = statSync(file);
      if (st.isDirectory()) {
        if (name !== 'ui') walk(file);
      } else if (st.mtimeMs > newest) newest = st.mtimeMs;
    }
  };
  walk(join(ROOT, 'src'));
  return newest;
}

/** The commit dist/lib was built from, or undefined when unknown (no build, or an older build). */
function builtCommit(): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(LIB, BUILD_INFO), 'utf8')) as { commit?: string }).commit;
  } catch {
    return undefined;
  }
}

/**
 * Rebuilds dist/ when any source is newer than the last build or the checkout's commit is not the
 * one built (the stamp of every output carries it), so tests that run the built `ferrosim`
 * command never run stale code or a stale stamp. Returns whether it rebuilt.
 */
export async function ensureFreshBuild(): Promise<boolean> {
  const marker = join(LIB, 'cli.js');
  let built = 0;
  try {
    built = statSync(marker).mtimeMs;
  } catch {
    // not built yet
  }
  if (built >= newestSource() && builtCommit() === gitCommit()) return false;
  await buildPackage();
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildPackage({ types: !process.argv.includes('--no-types') })
    .then((r) => {
      const total = r.files.reduce((s, f) => s + f.bytes, 0);
      console.log(`built dist/lib (${r.files.length} files, ${(total / 1024).toFixed(0)} kB) and dist/types in ${(r.ms / 1000).toFixed(1)} s`);
    })
    .catch((err: unknown) => {
      console.error(`package build failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      process.exit(1);
    });
}
