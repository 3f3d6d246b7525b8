/** `ferrosim merge FILES...`: pure text work (every row validated, see sweep-csv.ts), so it loads no model. */
import { readFileSync } from 'node:fs';
import { mergeSweepCsv, SweepFileError } from '../../scenario/sweep-csv.ts';
import { UserError } from '../errors.ts';
import { checkOutputPath, writeOutput } from '../output.ts';

export async function mergeCommand(files: string[], opts: { out?: string }): Promise<void> {
  if (opts.out) checkOutputPath(opts.out, '--out', files);
  const inputs = files.map((name) => {
    try {
      return { name, text: readFileSync(name, 'utf8') };
    } catch (e) {
      throw new UserError(`cannot read ${name}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  });
  let merged: string;
  try {
    merged = mergeSweepCsv(inputs);
  } catch (e) {
    if (e instanceof SweepFileError) throw new UserError(e.message);
    throw e;
  }
  if (opts.out) {
    writeOutput(opts.out, merged);
    process.stderr.write(`merged ${files.length} file${files.length === 1 ? '' : 's'} into ${opts.out}\n`);
  } else process.stdout.write(merged);
}
