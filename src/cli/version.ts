/** The ferrosim version from package.json (kept apart so `--help` loads nothing else). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

let version: string | undefined;

export function ferrosimVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

