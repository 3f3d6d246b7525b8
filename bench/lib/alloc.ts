/**
 * Allocation checks for hot loops.
 *
 * - `retainedGrowth`: heapUsed after a full GC, before and after running `fn`: what the loop
 *   keeps alive (a leak, a growing cache).
 * - `bytesPerIteration`: heapUsed growth over a run short enough that no scavenge happens,
 *   divided by the iterations: what the loop allocates, garbage included.
 *
 * In V8 a double passed to a call that is not inlined (such as `t` to a problem's rhs) is boxed
 * in a 16-byte heap number, so a loop that calls user callbacks with a time argument allocates
 * that much per call even when it creates no arrays or objects itself.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

let gcFn: (() => void) | null = null;

/** A full GC (enables the documented V8 flag --expose-gc at runtime when needed). */
export function forceGc(): void {
  if (gcFn === null) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (typeof g === 'function') gcFn = g;
    else {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFn();
}

export interface RetainedReport {
  /** heapUsed after − before, both right after a full GC. */
  retainedBytes: number;
  /** Garbage collections during the run. */
  gcDuring: number;
  ms: number;
}

export async function retainedGrowth(fn: () => void): Promise<RetainedReport> {
  forceGc();
  const gcStarts: number[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcStarts.push(e.startTime);
  });
  obs.observe({ entryTypes: ['gc'] });
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  fn();
  const t1 = performance.now();
  // GC entries arrive asynchronously: wait for them, then count those inside the run.
  await new Promise((r) => setTimeout(r, 50));
  obs.disconnect();
  forceGc();
  const after = process.memoryUsage().heapUsed;
  return { retainedBytes: after - before, gcDuring: gcStarts.filter((s) => s >= t0 && s <= t1).length, ms: t1 - t0 };
}

/**
 * Bytes allocated per iteration of `fn(iterations)`, measured over a run of `iterations` that
 * should stay below the young generation's size (a few MB) so that no GC hides the garbage.
 */
export function bytesPerIteration(fn: (iterations: number) => void, iterations: number): number {
  forceGc();
  const before = process.memoryUsage().heapUsed;
  fn(iterations);
  const after = process.memoryUsage().heapUsed;
  return (after - before) / iterations;
}
