/**
 * Collects the solution's rows: either at the requested `saveAt` times (preallocated, filled in
 * order) or at every accepted step (grown by doubling, so appends are amortised O(1)).
 */
export class OutputRecorder {
  private readonly n: number;
  private readonly grid: Float64Array | null;
  private tBuf: Float64Array;
  private yBuf: Float64Array;
  /** Rows written so far. */
  count = 0;

  constructor(n: number, saveAt: Float64Array | null) {
    this.n = n;
    this.grid = saveAt;
    const cap = saveAt ? saveAt.length : 256;
    this.tBuf = new Float64Array(cap);
    this.yBuf = new Float64Array(cap * n);
  }

  /** True when rows go to the saveAt grid rather than to every step. */
  get gridded(): boolean {
    return this.grid !== null;
  }

  /** The next saveAt time still to fill (Infinity when all are done or without a grid). */
  nextTime(): number {
    return this.grid !== null && this.count < this.grid.length ? this.grid[this.count] : Infinity;
  }

  push(t: number, y: Float64Array): void {
    if (this.count === this.tBuf.length) this.grow();
    const row = this.count * this.n;
    this.tBuf[this.count] = t;
    for (let m = 0; m < this.n; m++) this.yBuf[row + m] = y[m];
    this.count++;
  }

  /** Appends rows (times, then n values per row) in order, as `push` would one by one. */
  pushRows(t: Float64Array, y: Float64Array): void {
    const n = this.n;
    for (let r = 0; r < t.length; r++) this.push(t[r], y.subarray(r * n, (r + 1) * n));
  }

  /** Copies of the rows written so far. */
  snapshot(): { t: Float64Array; y: Float64Array } {
    return { t: this.tBuf.slice(0, this.count), y: this.yBuf.slice(0, this.count * this.n) };
  }

  /** The last row's time (NaN when empty). */
  lastTime(): number {
    return this.count > 0 ? this.tBuf[this.count - 1] : NaN;
  }

  private grow(): void {
    const cap = Math.max(16, this.tBuf.length * 2);
    const t = new Float64Array(cap);
    t.set(this.tBuf);
    const y = new Float64Array(cap * this.n);
    y.set(this.yBuf);
    this.tBuf = t;
    this.yBuf = y;
  }

  /** The rows written, trimmed (copies only when the buffers are larger than the content). */
  result(): { t: Float64Array; y: Float64Array } {
    if (this.count === this.tBuf.length) return { t: this.tBuf, y: this.yBuf };
    return { t: this.tBuf.slice(0, this.count), y: this.yBuf.slice(0, this.count * this.n) };
  }
}
