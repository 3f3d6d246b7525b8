/** Sweep progress on stderr: a redrawn bar on a terminal, plain lines (every 10%) otherwise. */

export interface Progress {
  tick(done: number): void;
  finish(): void;
}

export function createProgress(total: number, label: string, stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  const start = performance.now();
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  let lastDraw = 0;
  const line = (done: number) => {
    const s = (performance.now() - start) / 1000;
    const rate = done / Math.max(s, 1e-9);
    const eta = done > 0 ? (total - done) / rate : NaN;
    return `${done}/${total} points, ${rate.toFixed(1)} solves/s${done < total && Number.isFinite(eta) ? `, ETA ${eta.toFixed(0)} s` : `, ${s.toFixed(1)} s`}`;
  };
  return {
    tick(done) {
      if (quiet) return;
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < 80 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(done)}\x1b[K`);
      } else {
        const decile = Math.floor((done / total) * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          stream.write(`${label}: ${line(done)}\n`);
        }
      }
    },
    finish() {
      if (!quiet && tty) stream.write('\n');
    },
  };
}
