/**
 * Builds the browser app into a static site: `dist/app/index.html`, `main.js` (the page, with
 * plotly) and `worker.js` (the simulation worker, with the solver, compiler and scenario layer).
 * The scenario files in `scenarios/*.yaml` are bundled as text at build time, so the page needs
 * no server beyond static files.
 *
 *   npx tsx scripts/build.ts [--out DIR] [--no-minify]   (npm run build:app)
 */
import { build, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gitCommit } from './build-package.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UI = join(ROOT, 'src', 'ui');


export interface BuildOptions {
  /** Output directory; default `dist/app/` in the repository (dist/lib is the package). */
  outDir?: string;
  /** Minify the bundles; default true. */
  minify?: boolean;
}

export interface BuildReport {
  outDir: string;
  files: { name: string; bytes: number }[];
  scenarios: string[];
  ms: number;
}

/** Reads `scenarios/*.yaml` (not the golden folder) as `{ name, text }`, sorted by file name. */
export function readBundledScenarios(dir = join(ROOT, 'scenarios')): { name: string; text: string }[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && statSync(join(dir, f)).isFile());
  } catch {
    return [];
  }
  return names.sort().map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

function scenariosPlugin(scenarios: { name: string; text: string }[]): Plugin {
  return {
    name: 'ferrosim-bundled-scenarios',
    setup(b) {
      // The UI imports the texts as `import scenarios from 'ferrosim:bundled-scenarios'`.
      b.onResolve({ filter: /^ferrosim:bundled-scenarios$/ }, (args) => ({ path: args.path, namespace: 'ferrosim' }));
      b.onLoad({ filter: /.*/, namespace: 'ferrosim' }, () => ({
        contents: `export default ${JSON.stringify(scenarios)};`,
        loader: 'js',
      }));
    },
  };
}

/** A browser bundle must not pull in Node built-ins; say which import did, instead of a blank page. */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `'${args.path}' imported by ${args.importer}: the browser bundle must not use Node built-ins` }],
    }));
  },
};

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

export async function buildApp(options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now();
  const outDir = resolve(options.outDir ?? join(ROOT, 'dist', 'app'));
  const minify = options.minify ?? true;
  mkdirSync(outDir, { recursive: true });
  const scenarios = readBundledScenarios();
  await build({
    entryPoints: { main: join(UI, 'main.ts'), worker: join(UI, 'worker.ts') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    // The version and the commit built from go into every export's stamp (src/ui/stamp.ts), as in the CLI package.
    define: { 'process.env.NODE_ENV': '"production"', FERROSIM_BUILD: JSON.stringify({ version: pkg.version, commit: gitCommit() }) },
    plugins: [scenariosPlugin(scenarios), noNodeBuiltins],
  });
  for (const f of ['index.html', 'styles.css']) copyFileSync(join(UI, f), join(outDir, f));
  const files = readdirSync(outDir)
    .filter((f) => !f.endsWith('.map'))
    .map((name) => ({ name, bytes: statSync(join(outDir, name)).size }));
  return { outDir, files, scenarios: scenarios.map((s) => s.name), ms: performance.now() - started };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf('--out');
  const outDir = outIdx >= 0 ? args[outIdx + 1] : undefined;
  buildApp({ outDir, minify: !args.includes('--no-minify') })
    .then((r) => {
      const kb = (b: number) => `${(b / 1024).toFixed(0)} kB`;
      console.log(`built ${r.outDir} in ${(r.ms / 1000).toFixed(1)} s (${r.scenarios.length} bundled scenarios)`);
      for (const f of r.files) console.log(`  ${f.name.padEnd(24)} ${kb(f.bytes)}`);
    })
    .catch((err: unknown) => {
      // esbuild has already printed located errors.
      console.error(`build failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      process.exit(1);
    });
}
