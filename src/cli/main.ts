/**
 * The `ferrosim` command. A thin shell over the scenario library: parse options, call the
 * library, print. Exit codes: 0 ok, 1 check or solver failure, 2 bad input. User errors are
 * printed as one clear message, never as a stack trace.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, FailureError, UserError } from './errors.ts';
import { autoShard } from './shard-auto.ts';
import { ferrosimVersion } from './version.ts';

/**
 * Collects repeated `--set` values (commander's reducer). Here, not beside applySets, because
 * set-option.ts loads the scenario layer and `ferrosim --help` must load none of it.
 */
function collectSet(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

// Commands are loaded when they run: `--help`, `merge` and option errors then never pay for
// loading the model compiler (mathjs), which dominates start-up time.
const runCommand = async (...a: Parameters<typeof import('./commands/run.ts').runCommand>) => (await import('./commands/run.ts')).runCommand(...a);
const sweepCommand = async (...a: Parameters<typeof import('./commands/sweep.ts').sweepCommand>) => (await import('./commands/sweep.ts')).sweepCommand(...a);
const mergeCommand = async (...a: Parameters<typeof import('./commands/merge.ts').mergeCommand>) => (await import('./commands/merge.ts')).mergeCommand(...a);
const checkCommand = async (...a: Parameters<typeof import('./commands/check.ts').checkCommand>) => (await import('./commands/check.ts')).checkCommand(...a);
const goldenCommand = async (...a: Parameters<typeof import('./commands/check.ts').goldenCommand>) => (await import('./commands/check.ts')).goldenCommand(...a);
const slurmCommand = async (...a: Parameters<typeof import('./commands/slurm.ts').slurmCommand>) => (await import('./commands/slurm.ts')).slurmCommand(...a);
const sensitivityCommand = async (...a: Parameters<typeof import('./commands/sensitivity.ts').sensitivityCommand>) => (await import('./commands/sensitivity.ts')).sensitivityCommand(...a);
const fitCommand = async (...a: Parameters<typeof import('./commands/fit.ts').fitCommand>) => (await import('./commands/fit.ts')).fitCommand(...a);
const describeCommand = async (...a: Parameters<typeof import('./commands/describe.ts').describeCommand>) => (await import('./commands/describe.ts')).describeCommand(...a);
const sbmlSuiteCommand = async (...a: Parameters<typeof import('./commands/sbml.ts').sbmlSuiteCommand>) => (await import('./commands/sbml.ts')).sbmlSuiteCommand(...a);
const exportSbmlCommand = async (...a: Parameters<typeof import('./commands/sbml.ts').exportSbmlCommand>) => (await import('./commands/sbml.ts')).exportSbmlCommand(...a);

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer (got '${v}')`);
    return n;
  };
}

function shardSpec(v: string): { shard: number; of: number } | 'auto' {
  if (v === 'auto') return 'auto';
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const shard = m ? Number(m[1]) : NaN;
  const of = m ? Number(m[2]) : NaN;
  if (!m || of < 1 || shard < 1 || shard > of) {
    throw new InvalidArgumentError(`--shard must be I/N with 1 ≤ I ≤ N, e.g. 3/8, or auto (got '${v}')`);
  }
  return { shard, of };
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('ferrosim')
    .description('Simulate ferroptosis signalling: run scenarios, sweep doses, check golden outputs.')
    .version(ferrosimVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('run')
    .description('Run one scenario; print final values, solver statistics and wall time.')
    .argument('<file>', 'scenario YAML file')
    .option('-o, --out <file>', 'write results: .csv (wide; --long for long form) or .json (full metadata)')
    .option('--long', 'long-form CSV: time, output, unit, value')
    .option('--html <file>', 'write an HTML report with plotly time courses (works offline)')
    .option('--set <id=value>', 'override a parameter, an input (constant from t = 0) or an initial value; repeatable', collectSet)
    .addHelpText('after', '\nExamples:\n  ferrosim run scenarios/baseline.yaml --out baseline.csv --html baseline.html\n  ferrosim run scenarios/baseline.yaml --set erastin=5 --set Km_xCT=80')
    .action(async (file: string, opts) => runCommand(file, opts));

  program
    .command('sweep')
    .description('Run a scenario\'s dose sweep in parallel; print a Hill-fit table for 1-D sweeps.')
    .argument('<file>', 'scenario YAML file with a `sweep` section')
    .option('-w, --workers <n>', 'threads computing points, the calling thread included (default: number of cores)', positiveInt('--workers'))
    .option('--shard <i/n|auto>', 'run only slice I of N (1-based), for cluster array jobs; join with `merge`. auto: the slice of this Slurm array task or Kubernetes Indexed Job pod', shardSpec)
    .option('--shards <n>', 'with --shard auto: the number of shards (required for Kubernetes; for Slurm it makes the array task id the shard number)', positiveInt('--shards'))
    .option('-o, --out <file>', 'write the sweep table as CSV (interrupted: the finished points go to <file>.partial)')
    .option('--resume', 'continue the interrupted sweep in <out>.partial (same bytes as an uninterrupted run)')
    .option('-q, --quiet', 'no progress output')
    .addHelpText('after', '\nExamples:\n  ferrosim sweep scenarios/erastin-dose-response.yaml --out erastin.csv\n  ferrosim sweep big.yaml --shard 3/8 --out part-3.csv   # then: ferrosim merge part-*.csv --out big.csv\n  ferrosim sweep big.yaml --shard auto --out part-$SLURM_ARRAY_TASK_ID.csv   # in a Slurm array task')
    .action(async (file: string, opts) => {
      if (opts.shards !== undefined && opts.shard !== 'auto') throw new UserError('--shards N goes with --shard auto (with --shard I/N the count is N)');
      const shard = opts.shard === 'auto' ? autoShard(process.env, opts.shards) : opts.shard;
      return sweepCommand(file, { ...opts, shard });
    });

  program
    .command('merge')
    .description('Join sweep shard files (from --shard I/N) into the full sweep table.')
    .argument('<files...>', 'shard CSV files, in any order')
    .option('-o, --out <file>', 'write the merged CSV here (default: stdout)')
    .action(async (files: string[], opts) => mergeCommand(files, opts));

  program
    .command('slurm')
    .description('Run a sweep as a Slurm job array plus a merge job, wait, and check the result; --resume reruns only missing or damaged shards.')
    .argument('<file>', 'scenario YAML file with a `sweep` section')
    .requiredOption('-o, --out <file>', 'the result CSV (the job folder RESULT.slurm/ is made beside it)')
    .option('-n, --tasks <n>', 'array tasks, one shard of the sweep each (required unless --resume)', positiveInt('--tasks'))
    .option('-w, --workers <k>', 'threads per task (sbatch --cpus-per-task; default 1)', positiveInt('--workers'))
    .option('-p, --partition <name>', 'Slurm partition')
    .option('-t, --time <hh:mm:ss>', 'time limit per task and for the merge')
    .option('--sbatch-arg <arg>', 'one more sbatch option for both jobs, e.g. --sbatch-arg=--account=lab42 (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--no-wait', 'submit, print the job ids and return')
    .option('--resume', 'wait for what is still queued, rerun only missing or damaged shards, then merge')
    .addHelpText('after', '\nExamples:\n  ferrosim slurm scenarios/big.yaml --tasks 16 --workers 4 --time 00:30:00 --out big.csv\n  ferrosim slurm scenarios/big.yaml --out big.csv --resume     # after a failed or cancelled task\nThe scripts in big.slurm/ are plain sbatch files: edit them (account, modules); --resume submits them as edited.')
    .action(async (file: string, opts) => slurmCommand(file, opts));

  program
    .command('check')
    .description('Check expectations and golden outputs; exit 1 on any regression.')
    .argument('[files...]', 'scenario files or directories (default: scenarios/*.yaml)')
    .option('-w, --workers <n>', 'threads computing sweep points, the calling thread included (default: cores for sweeps of ≥ 200 points, else 1)', positiveInt('--workers'))
    .option('--max-rows <n>', 'differing points to list per scenario', positiveInt('--max-rows'), 20)
    .action(async (files: string[], opts) => checkCommand(files, opts));

  program
    .command('golden')
    .description('Rewrite golden outputs (scenarios/golden/NAME.csv) and print what changed.')
    .argument('[files...]', 'scenario files or directories (default: scenarios/*.yaml)')
    .option('-w, --workers <n>', 'threads computing sweep points, the calling thread included (default: cores for sweeps of ≥ 200 points, else 1)', positiveInt('--workers'))
    .action(async (files: string[], opts) => goldenCommand(files, opts));

  program
    .command('sensitivity')
    .description('Run the scenario\'s sensitivity: block (local, morris or sobol) and print the indices with units.')
    .argument('<file>', 'scenario YAML file with a `sensitivity` block')
    .option('-w, --workers <n>', 'threads computing design points, the calling thread included (default: number of cores)', positiveInt('--workers'))
    .option('-o, --out <file>', 'write the indices as JSON')
    .option('-q, --quiet', 'no progress output')
    .addHelpText('after', '\nExample:\n  ferrosim sensitivity scenarios/sensitivity-erastin.yaml --out s.json')
    .action(async (file: string, opts) => sensitivityCommand(file, opts));

  program
    .command('fit')
    .description('Fit the scenario\'s fit: block to its data (weighted least squares, multi-start, profile likelihood).')
    .argument('<file>', 'scenario YAML file with a `fit` block')
    .option('-o, --out <file>', 'write the estimates, intervals and profiles as JSON')
    .option('-q, --quiet', 'no progress output')
    .addHelpText('after', '\nExample:\n  ferrosim fit scenarios/analysis/fit-gsh-erastin.yaml --out fit.json')
    .action(async (file: string, opts) => fitCommand(file, opts));

  program
    .command('describe')
    .description('List the model\'s species, parameters, inputs and observables with units, values and sources.')
    .option('--json', 'print JSON instead of tables')
    .option('--yaml', 'print the model as a model file (.model.yaml) that scenarios can name in `model:`')
    .option('-m, --model <name|file>', 'model name, or an SBML (.xml, .sbml) or model file (.model.yaml)', 'ferroptosis')
    .action(async (opts) => describeCommand(opts));

  program
    .command('sbml-suite')
    .description('Run SBML Test Suite case folders; ends with "N passed, M failed, K unsupported".')
    .argument('<dir>', 'directory of test-suite cases (e.g. cases/semantic)')
    .option('--cases <list>', 'comma-separated case ids to run')
    .option('--level <level>', 'run each case from its file at this SBML level: l3v2 (default), l3v1, l2v1 … l2v5, or all (every level a case has)')
    .action(async (dir: string, opts) => sbmlSuiteCommand(dir, opts));

  program
    .command('export-sbml')
    .description('Write a model (default: the built-in one) as SBML Level 3 Version 2.')
    .option('-o, --out <file>', 'output file (default: stdout)')
    .option('-m, --model <name|file>', 'model name, or an SBML (.xml, .sbml) or model file (.model.yaml)', 'ferroptosis')
    .action(async (opts) => exportSbmlCommand(opts));

  return program;
}

/** Runs the CLI; returns the exit code. `argv` as in process.argv (node, script, ...args). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_BAD_INPUT; // commander has printed the message
    }
    if (e instanceof UserError) {
      process.stderr.write(`ferrosim: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof FailureError) {
      process.stderr.write(`ferrosim: ${e.message}\n`);
      return EXIT_FAILURE;
    }
    process.stderr.write(`ferrosim: internal error (please report): ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_FAILURE;
  }
}
