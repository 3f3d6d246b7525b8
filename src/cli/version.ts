/**
 * The ferrosim version and the package's root folder (kept apart so `--help` loads nothing else).
 * In the built package the version is injected at build time; from the TypeScript source it is
 * read from package.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above this module, both as src/cli/version.ts and bundled into dist/lib/. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

let version: string | undefined;

export function ferrosimVersion(): string {
  if (version === undefined) {
    if (typeof FERROSIM_BUILD !== 'undefined') return (version = FERROSIM_BUILD.version);
    try {
      version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

/** The commit the package was built from ('' when unknown, or when running from source). */
export function buildCommit(): string {
  return typeof FERROSIM_BUILD !== 'undefined' ? FERROSIM_BUILD.commit : '';
}
