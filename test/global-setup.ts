/**
 * Once, at the start of the run: rebuilds the package's dist/lib when a source is newer (the CLI
 * tests run the built `ferrosim` command, as users do), and says which external suites and tools
 * are missing, so the skipped tests are explained in one line each (the test files skip them;
 * under CI they fail instead).
 */
import { ensureFreshBuild } from '../scripts/build-package.ts';
import { EXTERNAL, inCi, locate, skipLine, type ExternalName } from './support/suites.ts';

export default async function setup(): Promise<void> {
  if (await ensureFreshBuild()) process.stdout.write('rebuilt dist/lib: sources or the commit changed since the last build\n');
  for (const name of Object.keys(EXTERNAL) as ExternalName[]) {
    if (locate(name) !== undefined) continue;
    process.stdout.write(inCi() ? `missing under CI, so these tests fail: ${skipLine(name)}\n` : `note: ${skipLine(name)}\n`);
  }
}
