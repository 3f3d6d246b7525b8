/**
 * Shared beginnings of scenario runs. Two runs whose inputs agree before a switch time T (sweep
 * points that differ only in a dose given at 24 h, or a live edit of that dose in the browser) are
 * the same solve up to T. The solver's checkpoint at T from the first run lets the second start
 * there, and its results stay bit for bit those of a run from t = 0 (SolveOptions.resume), so
 * sharing never shows in the numbers: only in the time.
 *
 * A checkpoint is filed under a key that spells out everything the solve before T depends on: the
 * model, parameters, start, initial values, solver settings, the end time (it bounds the step
 * size), the inputs at t = 0 and every switch before T, and the output times before T. The key
 * is the exact canonical text, not a hash of it, so two different beginnings can never share a
 * checkpoint.
 */
import type { Checkpoint } from '../solver/types.ts';
import { canonicalJson } from '../model/hash.ts';
import type { CompiledModel } from '../model/types.ts';
import type { Timeline } from './schedule.ts';
import type { Scenario } from './types.ts';

/** Least recently used checkpoints, bounded by count and by the doubles they hold. */
export class CheckpointCache {
  private readonly entries = new Map<string, Checkpoint>();
  private doubles = 0;
  /** Runs that found a checkpoint, runs that did not, and the time the last hit resumed at. */
  hits = 0;
  misses = 0;
  lastResumedAt = NaN;

  constructor(
    readonly maxEntries = 256,
    /** 2^21 doubles = 16 MiB of states and output rows. */
    readonly maxDoubles = 2 ** 21,
  ) {}

  /**
   * The checkpoint of the latest of `keys` (one per switch, in time order) that is filed, for a run
   * to resume from; counts the lookup as a hit or a miss.
   */
  latest(keys: readonly string[]): Checkpoint | undefined {
    for (let k = keys.length - 1; k >= 0; k--) {
      const cp = this.get(keys[k]);
      if (cp !== undefined) {
        this.hits++;
        this.lastResumedAt = cp.t;
        return cp;
      }
    }
    this.misses++;
    return undefined;
  }

  get(key: string): Checkpoint | undefined {
    const cp = this.entries.get(key);
    if (cp === undefined) return undefined;
    this.entries.delete(key); // move to the most recent end
    this.entries.set(key, cp);
    return cp;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, cp: Checkpoint): void {
    const size = sizeOf(cp);
    if (size > this.maxDoubles) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.doubles -= sizeOf(old);
      this.entries.delete(key);
    }
    while (this.entries.size > 0 && (this.entries.size >= this.maxEntries || this.doubles + size > this.maxDoubles)) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.entries.delete(oldestKey);
      this.doubles -= sizeOf(oldest);
    }
    this.entries.set(key, cp);
    this.doubles += size;
  }

  clear(): void {
    this.entries.clear();
    this.doubles = 0;
    this.hits = 0;
    this.misses = 0;
    this.lastResumedAt = NaN;
  }

  get size(): number {
    return this.entries.size;
  }
}

function sizeOf(cp: Checkpoint): number {
  return cp.y.length + cp.rowsT.length + cp.rowsY.length;
}

/**
 * Keys of the checkpoints at each of the timeline's tstops (same order). `times` are the output
 * times of the run, `end` its last time.
 */
export function checkpointKeys(model: CompiledModel, scenario: Scenario, timeline: Timeline, times: Float64Array, end: number): string[] {
  const base = canonicalJson({
    model: model.hash,
    parameters: scenario.parameters,
    initial: scenario.initial,
    start: scenario.start,
    solver: scenario.solver,
    end,
    u0: timeline.u0,
  });
  const keys: string[] = [];
  let nSwitches = 0;
  let nTimes = 0;
  for (const T of timeline.tstops) {
    while (nSwitches < timeline.switches.length && timeline.switches[nSwitches].t < T) nSwitches++;
    while (nTimes < times.length && times[nTimes] < T) nTimes++;
    const switches = timeline.switches.slice(0, nSwitches).map((s) => [s.t, s.index, s.value]);
    keys.push(`${base}|T=${canonicalJson(T)}|switches=${canonicalJson(switches)}|times=${canonicalJson(times.subarray(0, nTimes))}`);
  }
  return keys;
}

