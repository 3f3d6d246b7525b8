/**
 * `npm run bench:browser`: the browser app in headless Chromium (Debian's /usr/bin/chromium via
 * playwright-core), timed from inside the page:
 *   - live mode: input event on a slider → re-solve in the worker → figures redrawn, median of
 *     20 moves on the 72-h IFN-γ + erastin scenario (target < 50 ms);
 *   - a 25-point erastin dose-response, click → fitted curve drawn (target < 0.5 s);
 *   - a 20 × 20 IFN-γ × erastin heatmap, click → heatmaps drawn (target < 5 s).
 * Sweeps are timed warm (workers started and the model compiled) and cold (the first run).
 * Results: markdown on stdout, raw numbers in bench/results/browser.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium, openApp, selectScenario, SKIP_MESSAGE } from '../test/e2e/harness.ts';
import { median } from './lib/timing.ts';

const RESULTS = join(import.meta.dirname, 'results');

async function liveLatency(page: Page, moves: number): Promise<{ ms: number[]; solveMs: number[] }> {
  await selectScenario(page, 'ifng-erastin.yaml');
  await page.click('#tab-scenario');
  return page.evaluate(async (n) => {
    const slider = document.getElementById('input-IFNG') as HTMLInputElement;
    const ms: number[] = [];
    const solveMs: number[] = [];
    // 3 warm-up moves, then n timed ones, each waiting for its redraw.
    for (let k = -3; k < n; k++) {
      const redrawn = new Promise<{ solveMs: number }>((res) =>
        document.addEventListener('ferrosim:redrawn', (e) => res((e as CustomEvent).detail), { once: true }));
      const t0 = performance.now();
      slider.value = String(600 + 15 * k);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const d = await redrawn;
      if (k >= 0) {
        ms.push(performance.now() - t0);
        solveMs.push(d.solveMs);
      }
    }
    return { ms, solveMs };
  }, moves);
}

async function setField(page: Page, selector: string, value: string): Promise<void> {
  await page.fill(selector, value);
  await page.dispatchEvent(selector, 'change');
}

/** Click "Run sweep" and wait for the results to be drawn; ms measured in the page. */
async function timeSweep(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const done = new Promise<void>((res) => document.addEventListener('ferrosim:sweep-done', () => res(), { once: true }));
    const t0 = performance.now();
    document.getElementById('sweep-run')!.click();
    await done;
    // Let the browser paint the drawn figures.
    await new Promise((res) => requestAnimationFrame(() => res(null)));
    return performance.now() - t0;
  });
}

async function main(): Promise<void> {
  if (!hasChromium) {
    console.log(SKIP_MESSAGE);
    return;
  }
  const app = await openApp();
  const { page } = app;
  try {
    const workers = await page.evaluate(() => window.ferrosim!.sweepView.pool.size);
    const loadBefore = loadavg()[0];
    const live = await liveLatency(page, 20);

    await selectScenario(page, 'erastin-dose-response.yaml');
    await page.click('#tab-sweep');
    await setField(page, '#axis1-points', '25');
    const doseCold = await timeSweep(page);
    const doseWarm = [await timeSweep(page), await timeSweep(page), await timeSweep(page)];

    await selectScenario(page, 'ifng-erastin.yaml');
    await page.click('#tab-sweep');
    await page.check('#axis2-enabled');
    await page.uncheck('#axis1-zero');
    await setField(page, '#axis1-from', '0.1');
    await setField(page, '#axis1-to', '100');
    await setField(page, '#axis1-points', '20');
    await page.selectOption('#axis1-scale', 'log');
    await setField(page, '#axis2-points', '20');
    const heatmap = await timeSweep(page);
    const points = await page.evaluate(() => window.ferrosim!.sweepView.pointsDone);

    const rows = [
      ['live redraw (72-h scenario, median of 20 slider moves)', `${median(live.ms).toFixed(1)} ms`, '< 50 ms',
        `solve in worker ${median(live.solveMs).toFixed(1)} ms; min ${Math.min(...live.ms).toFixed(1)}, max ${Math.max(...live.ms).toFixed(1)} ms`],
      ['25-point dose-response (warm, median of 3)', `${(median(doseWarm) / 1000).toFixed(3)} s`, '< 0.5 s', `cold (workers start, compile): ${(doseCold / 1000).toFixed(2)} s`],
      [`20 × 20 heatmap (${points} points)`, `${(heatmap / 1000).toFixed(2)} s`, '< 5 s', 'includes the Bliss-excess check'],
    ];
    const md = [
      '## Browser app (headless Chromium)',
      '',
      '| measurement | result | target | notes |',
      '|---|---|---|---|',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
      `Load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${cpus().length} cores during the run (other processes slow every number here).`,
      '',
      `${workers} Web Workers (navigator.hardwareConcurrency) · ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} · ${await page.evaluate(() => /Chrome\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? 'Chromium')} · node ${process.version}`,
    ].join('\n');
    console.log(md);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'browser.json'), JSON.stringify({ workers, loadavg: [loadBefore, loadavg()[0]], live, doseCold, doseWarm, heatmap, points, consoleErrors: app.consoleErrors }, null, 2));
    if (app.consoleErrors.length > 0) console.log(`\nconsole errors during the run:\n${app.consoleErrors.join('\n')}`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(`bench:browser failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
