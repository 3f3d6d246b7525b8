/**
 * Node-only: reads a scenario file, rejects text that is not UTF-8 with the position of the
 * first bad byte, and parses it with the parser it is given. (Kept out of index.ts so the browser
 * bundle never sees `node:fs`.) `load-file.ts` gives it the parser with the compiler plugged in;
 * the CLI gives it core.ts's, so that reading a scenario of a precompiled model loads no compiler.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ParseResult } from './parse.ts';
import { decodeScenarioBytes } from './utf8.ts';
import { LIMITS } from './limits.ts';

export interface LoadedScenario extends ParseResult {
  text?: string;
  path: string;
}

/** Reads and parses a scenario file. Messages name the file by its base name. */
export function readScenarioFile(parseScenario: (text: string, fileName: string) => ParseResult, path: string, displayName = basename(path)): LoadedScenario {
  let bytes: Uint8Array;
  try {
    // Checked before reading: a huge file is refused without being loaded.
    const size = statSync(path).size;
    if (size > LIMITS.scenarioBytes) {
      const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
      return { path, errors: [{ file: displayName, line: 0, column: 0, path: '', message: `the scenario file is ${mib(size)}; scenario files are limited to ${mib(LIMITS.scenarioBytes)}` }] };
    }
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    return { path, errors: [{ file: displayName, line: 0, column: 0, path: '', message: `cannot read the scenario file (${why})` }] };
  }
  const decoded = decodeScenarioBytes(bytes, displayName);
  if (decoded.error) return { path, errors: [decoded.error] };
  return { path, text: decoded.text, ...parseScenario(decoded.text!, displayName) };
}
