import { canonicalJson, hashString } from '../model/hash.ts';
import type { Scenario } from './types.ts';

/** Hash of a normalised scenario (everything but the file it came from). */
export function scenarioHash(s: Scenario): string {
  const { file: _file, ...rest } = s;
  return hashString(canonicalJson(rest));
}
