/**
 * Benchmark runner: `npm run bench [-- --quick] [-- --only <name>]`.
 *
 * Runs every `bench/sections/*.ts` in name order. Each section's default export takes a
 * BenchContext and returns markdown; the runner prints it to stdout, collects it into
 * `bench/results/summary.md`, and ends with the runtime and the machine (a timing without them
 * means nothing). A section that throws is reported as failed and the others still run.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createContext, type BenchContext } from './lib/context.ts';

type Section = (ctx: BenchContext) => Promise<string>;

interface Args {
  quick: boolean;
  only: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--only') {
      const v = argv[++i];
      if (v === undefined) throw new Error('--only needs a section name (or part of one), e.g. --only solver');
      args.only.push(v);
    } else if (a.startsWith('--only=')) args.only.push(a.slice('--only='.length));
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: tsx bench/run.ts [--quick] [--only <section-name-part>]...\n');
      process.exit(0);
    } else throw new Error(`unknown argument '${a}'; valid: --quick, --only <name>`);
  }
  return args;
}

export function machineLine(): string {
  const cpu = cpus();
  const model = cpu.length > 0 ? cpu[0].model.trim() : 'unknown CPU';
  return `Node ${process.version} (V8 ${process.versions.v8}) on ${process.platform}/${process.arch}, ` +
    `${model}, ${cpu.length} logical CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const here = dirname(fileURLToPath(import.meta.url));
  const sectionsDir = join(here, 'sections');
  const ctx = createContext(join(here, 'results'), args.quick);
  const files = readdirSync(sectionsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .filter((f) => args.only.length === 0 || args.only.some((o) => f.includes(o)));
  if (files.length === 0) {
    process.stderr.write(`no bench sections match ${args.only.join(', ') || '(any)'} in ${sectionsDir}\n`);
    process.exitCode = 2;
    return;
  }

  const header = `# ferrosim benchmarks${args.quick ? ' (quick)' : ''}\n\n${machineLine()}\n` +
    `Started ${new Date().toISOString()}; sections: ${files.join(', ')}\n`;
  process.stdout.write(header + '\n');
  const parts: string[] = [header];
  const summary: { section: string; ok: boolean; seconds: number; error?: string }[] = [];
  let failed = 0;
  for (const file of files) {
    const name = file.replace(/\.ts$/, '');
    ctx.log(`[bench] ${name} ...`);
    const t0 = performance.now();
    let md: string;
    let ok = true;
    let error: string | undefined;
    try {
      const mod = (await import(pathToFileURL(join(sectionsDir, file)).href)) as { default?: Section };
      if (typeof mod.default !== 'function') throw new Error(`${file} has no default-exported section function`);
      md = await mod.default(ctx);
    } catch (e) {
      ok = false;
      failed++;
      error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      md = `## ${name}\n\n**FAILED**: ${error.split('\n')[0]}\n`;
      ctx.log(error);
    }
    const seconds = (performance.now() - t0) / 1000;
    summary.push({ section: name, ok, seconds, error });
    ctx.log(`[bench] ${name} done in ${seconds.toFixed(1)} s`);
    const block = md.trimEnd() + '\n';
    process.stdout.write(block + '\n');
    parts.push(block);
  }
  const footer = `---\n${machineLine()}\nFinished ${new Date().toISOString()}; ` +
    `${summary.length - failed}/${summary.length} sections ok; ` +
    summary.map((s) => `${s.section} ${s.seconds.toFixed(1)} s`).join(', ') + '\n';
  process.stdout.write(footer);
  parts.push(footer);
  writeFileSync(join(ctx.resultsDir, args.quick ? 'summary-quick.md' : 'summary.md'), parts.join('\n'));
  ctx.saveJson(args.quick ? 'run-quick' : 'run', { machine: machineLine(), quick: args.quick, sections: summary });
  if (failed > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
