/**
 * The browser app in real headless Chromium (Debian's /usr/bin/chromium via playwright-core):
 * the numbers it plots and fits equal the library's (the CLI's) for the same scenario files,
 * scenario errors are shown with their line, "save as scenario" reproduces the run, and a
 * cancelled sweep stops its workers without freezing the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateSweepPoint, fitHill, parseScenario, runScenario, scenarioToYaml, sweepGrid, type Scenario, type ScenarioResult,
} from '../../src/scenario/index.ts';
import {
  chromiumForTests, hasChromium, openApp, plottedSeries, redraws, screenshot, selectScenario, waitForRedraw,
  type AppUnderTest, type PlottedSeries,
} from './harness.ts';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

if (!hasChromium) chromiumForTests(); // the global set-up says what is skipped; under CI a missing Chromium fails

function load(fileName: string, text = readFileSync(join(SCENARIOS, fileName), 'utf8')): Scenario {
  const { scenario, errors } = parseScenario(text, fileName);
  if (!scenario) throw new Error(`${fileName}: ${errors.map((e) => e.message).join('; ')}`);
  return scenario;
}

/** Sample indices spread over the run, including both ends. */
function sampleIndices(n: number): number[] {
  return [...new Set([0, 1, Math.floor(n / 4), Math.floor(n / 3), Math.floor(n / 2), Math.floor((3 * n) / 4), n - 1])];
}

/**
 * Every output the library computes is plotted, and equals it to 1e-9 relative at the sample
 * times. Not bit for bit: Chromium's V8 and Node's V8 differ in the last bit of Math.exp, log and
 * pow for about one argument in ten, which the adaptive solver carries into the ~1e-12 digits.
 * Values below 1e-12 of a series' largest magnitude count as zero (relative error is meaningless
 * there, e.g. viability decaying to 1e-36).
 */
function expectPlotsMatch(plotted: PlottedSeries[], node: ScenarioResult): void {
  expect(node.status).toBe('success');
  expect(plotted.map((p) => p.id).sort()).toEqual(node.outputs.map((o) => o.id).sort());
  for (const o of node.outputs) {
    const p = plotted.find((s) => s.id === o.id)!;
    let scale = 0;
    for (const v of o.values) scale = Math.max(scale, Math.abs(v));
    // Plots sample the dense output adaptively; every output time of the scenario is among the
    // samples (short runs are not decimated), with the library's value there.
    expect(p.x.length).toBeGreaterThanOrEqual(node.times.length);
    const at = new Map(p.x.map((t, k) => [t, k]));
    for (const i of sampleIndices(node.times.length)) {
      expect(at.has(node.times[i]), `t = ${node.times[i]} h among the plotted samples`).toBe(true);
      const a = p.y[at.get(node.times[i])!];
      const b = o.values[i];
      const rel = Math.abs(a - b) / Math.max(Math.abs(b), 1e-12 * scale, 1e-300);
      if (rel > 1e-9) throw new Error(`${o.id} at t = ${node.times[i]} h: page ${a}, library ${b} (relative difference ${rel.toExponential(2)})`);
    }
  }
}

describe.skipIf(!hasChromium)('browser app in headless Chromium', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await openApp();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('plots the baseline and IFN-γ + erastin time courses exactly as the library computes them', async () => {
    const { page } = app;
    for (const file of ['baseline.yaml', 'ifng-erastin.yaml']) {
      await selectScenario(page, file);
      expect(await page.textContent('#scenario-name')).toBe(load(file).name);
      const node = runScenario(load(file));
      expectPlotsMatch(await plottedSeries(page), node);
      // Units on the axes: each output's y axis reads "<id> [<unit>]", time in hours.
      const titles = await page.evaluate(() =>
        [...document.querySelectorAll('#plots .plot')].flatMap((gd) => {
          const layout = (gd as unknown as { layout: Record<string, { title?: { text?: string } }> }).layout;
          return Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k)).map((k) => layout[k].title?.text ?? '');
        }),
      );
      for (const o of node.outputs) expect(titles).toContain(`${o.id} [${o.unit}]`);
      expect(titles).toContain('time [h]');
      if (file === 'ifng-erastin.yaml') await screenshot(page, 'time-courses');
    }
  });

  it('shows the EC50 of a 9-point erastin sweep equal to the library fit within 1 %', async () => {
    const { page } = app;
    await selectScenario(page, 'erastin-dose-response.yaml');
    await page.click('#tab-sweep');
    await page.fill('#axis1-points', '9');
    await page.dispatchEvent('#axis1-points', 'change');
    await page.click('#sweep-run');
    await page.waitForFunction(() => document.body.dataset.sweep === 'done', null, { timeout: 60_000 });
    const shown = Number(await page.getAttribute('#fit-table .ec50', 'data-ec50'));

    const file = load('erastin-dose-response.yaml');
    const axis = file.sweep!.axes[0];
    if ('list' in axis.spec) throw new Error('expected a ranged erastin axis');
    const nine = load('nine.yaml', scenarioToYaml({ ...file, sweep: { ...file.sweep!, axes: [{ ...axis, spec: { ...axis.spec, points: 9 } }] } }));
    const grid = sweepGrid(nine);
    expect(grid).toHaveLength(9);
    const fit = fitHill(grid.map((p) => p.values[0]), grid.map((p) => evaluateSweepPoint(nine, p)));
    expect(fit.ec50).toBeGreaterThan(0.01);
    expect(fit.ec50).toBeLessThan(100);
    expect(Math.abs(shown / fit.ec50 - 1)).toBeLessThan(0.01);
    await screenshot(page, 'dose-response');
  });

  it('shows a malformed YAML file\'s error with its line, and an unknown id dropped on the page with a suggestion', async () => {
    const { page } = app;
    await page.click('#tab-scenario');
    const broken = 'name: broken\ndescription: an unclosed flow mapping\ntime: { end: 24, points: 25\ninputs:\n  erastin: 1\n';
    const expected = parseScenario(broken, 'broken.yaml').errors[0];
    expect(expected.line).toBeGreaterThan(0);
    await page.setInputFiles('#file-input', { name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(broken) });
    await page.waitForSelector('#error-banner:not([hidden])');
    const banner = await page.textContent('#error-banner');
    expect(banner).toContain(`broken.yaml:${expected.line}:`);
    expect(banner).toContain('malformed YAML');
    await screenshot(page, 'yaml-error');

    // Dropped file: the drop handler reads it like the file picker does.
    const typo = 'name: typo\ndescription: misspelt input\nmodel: ferroptosis\ntime: { end: 24, points: 25 }\ninputs:\n  erastn: 1\n';
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'typo.yaml', { type: 'text/yaml' }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, typo);
    await page.waitForFunction(() => document.getElementById('error-banner')?.textContent?.includes('typo.yaml:6:'));
    expect(await page.textContent('#error-banner')).toContain("did you mean 'erastin'");
    // The page keeps the scenario it had.
    expect(await page.textContent('#scenario-name')).toBe('erastin-dose-response');
    await page.click('#error-banner button');

    // A solver failure is a message on the page (with the partial result plotted), not a blank plot.
    const starved = 'name: starved\ndescription: too few steps\nmodel: ferroptosis\ntime: { end: 72, points: 73 }\nsolver: { maxSteps: 3 }\ninputs:\n  erastin: 5\n';
    const before = await redraws(page);
    await page.setInputFiles('#file-input', { name: 'starved.yaml', mimeType: 'text/yaml', buffer: Buffer.from(starved) });
    await waitForRedraw(page, before);
    const failure = await page.textContent('#error-banner');
    expect(failure).toContain('The solver stopped early (max-steps)');
    await page.click('#error-banner button');
  });

  it('saves an edited scenario as YAML that reproduces the plotted numbers, in the page and in the library', async () => {
    const { page } = app;
    await selectScenario(page, 'baseline.yaml');
    let before = await redraws(page);
    await page.fill('input[aria-label="IFNG value in ng/mL"]', '3');
    await page.dispatchEvent('input[aria-label="IFNG value in ng/mL"]', 'change');
    await waitForRedraw(page, before);
    // Keyboard: a gene-expression slider moved with the arrow keys.
    before = await redraws(page);
    await page.focus('#param-GPX4_expression');
    await page.keyboard.press('ArrowLeft');
    await waitForRedraw(page, before);
    const plotted = await plottedSeries(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-scenario')]);
    const text = readFileSync((await download.path())!, 'utf8');
    const saved = load('saved.yaml', text);
    expect(saved.inputs.IFNG).toEqual([{ at: 0, value: 3 }]);
    expect(saved.parameters.GPX4_expression).toBeLessThan(1);

    // The saved file, opened in the page, plots exactly the same numbers (same engine: bit for bit).
    before = await redraws(page);
    await page.setInputFiles('#file-input', { name: 'saved.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
    await waitForRedraw(page, before);
    expect(await plottedSeries(page)).toEqual(plotted);
    // And `ferrosim run saved.yaml` (the library in Node) computes them too.
    const node = runScenario(saved);
    expectPlotsMatch(plotted, node);

    // CSV export: the CLI's wide layout, units in the header, numbers at full precision (the
    // last row reads back bit for bit as what the page plotted).
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(csv[0]).toBe(['time [h]', ...node.outputs.map((o) => `${o.id} [${o.unit}]`)].join(','));
    expect(csv).toHaveLength(node.times.length + 1);
    const last = csv[csv.length - 1].split(',').map(Number);
    const plottedLast = node.outputs.map((o) => plotted.find((p) => p.id === o.id)!.y.at(-1));
    expect(last).toEqual([node.times[node.times.length - 1], ...plottedLast]);

    // PNG of a plot.
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#plots .card-head button.export-png')]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
  });

  it('cancels a long sweep: the workers stop and the page stays responsive', async () => {
    const { page } = app;
    await page.click('#tab-sweep');
    await page.check('#axis2-enabled');
    await page.fill('#axis1-points', '20');
    await page.dispatchEvent('#axis1-points', 'change');
    await page.fill('#axis2-points', '20');
    await page.dispatchEvent('#axis2-points', 'change');
    await page.click('#sweep-run');
    const started = await page.waitForFunction(() => document.body.dataset.sweep === 'running' || !document.getElementById('error-banner')?.hidden, null, { timeout: 30_000 });
    expect(await started.jsonValue()).toBe(true);
    expect(await page.isHidden('#error-banner'), (await page.textContent('#error-banner')) ?? '').toBe(true);
    await page.waitForFunction(() => (window.ferrosim?.sweepView.pointsDone ?? 0) >= 2, null, { timeout: 60_000 });
    await page.click('#sweep-cancel');
    await page.waitForFunction(() => document.body.dataset.sweep === 'cancelled');
    const after = await page.evaluate(() => ({ live: window.ferrosim!.sweepView.pool.liveWorkers(), done: window.ferrosim!.sweepView.pointsDone }));
    expect(after.live).toBe(0);
    expect(after.done).toBeLessThan(21 * 20);
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => window.ferrosim!.sweepView.pointsDone)).toBe(after.done);
    // Responsive: a tab switch takes effect at once.
    const t0 = Date.now();
    await page.click('#tab-scenario');
    await page.waitForFunction(() => document.getElementById('tab-scenario')?.getAttribute('aria-selected') === 'true');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('draws a 2-D sweep as a readout heatmap and a Bliss-excess heatmap', async () => {
    const { page } = app;
    await selectScenario(page, 'ifng-erastin.yaml');
    // An edit, then "Reset all changes" brings back the file's own settings.
    await page.click('#tab-scenario');
    let before = await redraws(page);
    await page.fill('input[aria-label="IFNG value in ng/mL"]', '50');
    await page.dispatchEvent('input[aria-label="IFNG value in ng/mL"]', 'change');
    await waitForRedraw(page, before);
    before = await redraws(page);
    await page.click('#reset-all');
    await waitForRedraw(page, before);
    expect(await page.isDisabled('#reset-all')).toBe(true);
    expect(await page.inputValue('input[aria-label="IFNG value in ng/mL"]')).toBe('10');
    await page.click('#tab-sweep');
    // IFNG 0, 1, 10, 100 × erastin 0 and 5 doses (dose 0 on both axes makes Bliss possible).
    await page.fill('#axis1-points', '3');
    await page.dispatchEvent('#axis1-points', 'change');
    await page.fill('#axis2-points', '5');
    await page.dispatchEvent('#axis2-points', 'change');
    await page.check('#axis2-zero');
    await page.click('#sweep-run');
    await page.waitForFunction(() => document.body.dataset.sweep === 'done' && !!document.querySelector('#bliss-plot .main-svg'), null, { timeout: 60_000 });
    const z = await page.evaluate(() => (document.getElementById('bliss-plot') as unknown as { data: { z: number[][] }[] }).data[0].z);
    expect(z).toHaveLength(6); // erastin: 0 + 5 doses (y)
    expect(z[0]).toHaveLength(4); // IFNG: 0, 1, 10, 100 (x)
    // The single-agent edges carry no excess by construction.
    for (const v of z[0]) expect(Math.abs(v)).toBeLessThan(1e-12);
    await screenshot(page, 'heatmaps');
  });

  it('logged no uncaught errors in the console', () => {
    expect(app.consoleErrors).toEqual([]);
  });
});
