/**
 * Where the team's shared folder is: it sits beside the repository (`../shared`), as in CI;
 * FERROSIM_SHARED points elsewhere. The benchmarks take the CVODE anchor's C source from it
 * (tools/cvode-anchor), the tests their third-party suites (test/support/suites.ts). Published
 * reference figures are in the repository (test/reference/), not here.
 */
import { resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export function sharedDir(): string {
  return process.env.FERROSIM_SHARED ? resolve(process.env.FERROSIM_SHARED) : resolve(REPO_ROOT, '..', 'shared');
}
