/** Run statuses: a leaf module, so readers of sweep files (merge) load no solver. */
import type { SolveStatus } from '../solver/types.ts';

/**
 * How a run (or a sweep point) ended. Besides the solver's own statuses: the start state could not
 * be found or was unphysical, an output became non-finite although the solver succeeded, or the
 * worker that computed the point died twice (see src/cli/pool.ts).
 */
export type RunStatus = SolveStatus | 'steady-state-failed' | 'non-finite-output' | 'worker-failed';

/** Every RunStatus, as written in the status column of sweep files (a Record, so none is forgotten). */
const STATUS_WORDS: Record<RunStatus, true> = {
  'success': true, 'max-steps': true, 'step-size-too-small': true, 'non-finite': true, 'steady-state-failed': true,
  'non-finite-output': true, 'worker-failed': true,
};
export const RUN_STATUSES = Object.keys(STATUS_WORDS) as readonly RunStatus[];
