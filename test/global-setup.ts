/**
 * Fails the run once, with what to do, when the shared reference data is missing, instead of
 * letting every test that reads it fail on its own with ENOENT.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { missingSharedMessage, sharedDir } from '../bench/lib/shared-dir.ts';

export default function setup(): void {
  const dir = sharedDir();
  if (!existsSync(join(dir, 'reference')) || !existsSync(join(dir, 'sbml-semantic'))) throw new Error(missingSharedMessage(dir));
}
