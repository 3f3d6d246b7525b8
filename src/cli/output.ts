/** Writing output files: the directory must exist; errors become user errors. */
import { writeFileSync } from 'node:fs';
import { UserError } from './errors.ts';

export function writeOutput(path: string, content: string): void {
  try {
    writeFileSync(path, content);
  } catch (e) {
    throw new UserError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'its directory does not exist' : (e as Error).message}`);
  }
}
