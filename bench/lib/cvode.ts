/**
 * The CVODE anchor (../shared/tools/cvode-anchor): a C program running SUNDIALS CVODE on the
 * same stiff problems, so a bench run shows our time against CVODE's measured in the same run.
 * Built here, once per source change, into bench/results/bin/ when libsundials-dev is installed;
 * otherwise the bench says how to get it and leaves the CVODE columns out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './shared-dir.ts';

export const CVODE_HEADER = '/usr/include/cvode/cvode.h';
export const CVODE_INSTALL_HINT = 'apt-get update && apt-get install -y libsundials-dev';

export interface CvodeAnchor {
  /** Path of the built binary, when there is one. */
  bin?: string;
  /** Why there is none, and what to do. */
  missing?: string;
}

let built: CvodeAnchor | undefined;

/** Builds the anchor if needed (sources newer than the binary) and returns where it is. */
export function cvodeAnchor(resultsDir: string, log: (msg: string) => void = () => {}): CvodeAnchor {
  if (built) return built;
  const src = join(sharedDir(), 'tools', 'cvode-anchor');
  if (!existsSync(join(src, 'build.sh'))) {
    return (built = { missing: `the CVODE anchor's source is not at ${src} (the team's shared folder beside the repository, or FERROSIM_SHARED)` });
  }
  if (!existsSync(CVODE_HEADER)) {
    return (built = { missing: `SUNDIALS is not installed (no ${CVODE_HEADER}); install it with \`${CVODE_INSTALL_HINT}\` to compare with CVODE` });
  }
  const dir = join(resultsDir, 'bin');
  const bin = join(dir, 'cvode_bench');
  const newest = Math.max(...['cvode_bench.c', 'problems.h', 'build.sh'].map((f) => statSync(join(src, f)).mtimeMs));
  if (!existsSync(bin) || statSync(bin).mtimeMs < newest) {
    mkdirSync(dir, { recursive: true });
    log(`[bench] building the CVODE anchor into ${bin}`);
    try {
      execFileSync('bash', [join(src, 'build.sh'), bin], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim() ?? String(e);
      return (built = { missing: `building the CVODE anchor failed: ${stderr.split('\n').slice(-3).join(' ')}` });
    }
  }
  return (built = { bin });
}
