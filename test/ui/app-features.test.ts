/**
 * The browser app's working tools in real headless Chromium (one browser for the file): the
 * output picker, log-y, labelled dose markers and adaptive sampling of spikes, local-only plotly
 * (nothing offers a cloud upload), SVG/PNG exports with title, legend and full stamp, pinned runs,
 * the steady-state panel against `steadyState` in Node, the YAML error line, and sweeps: the
 * dose-0 control marker, partial heatmaps with an ETA, cancel keeping its points, the sweep CSV
 * read by the CLI's own reader with the build's commit, "save as scenario" keeping `expect:`,
 * and plots at full width after a detour through the sweep view.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileModel, steadyState } from '../../src/model/index.ts';
import { analyseSteadyState } from '../../src/model/stability.ts';
import { ferroptosis } from '../../src/model/ferroptosis/index.ts';
import type { ModelDefinition } from '../../src/model/types.ts';
import {
  compareCsv, evaluateSweepPoint, mergeSweepCsv, parseCsv, parseScenario, readSweepFile, runScenario, sweepGrid, sweepToCsv, sweepUnits, type Scenario,
} from '../../src/scenario/index.ts';
import {
  chromiumForTests, hasChromium, openApp, plottedSeries, redraws, screenshot, selectScenario, waitForRedraw, type AppUnderTest,
} from '../e2e/harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SCENARIOS = join(ROOT, 'scenarios');

if (!hasChromium) chromiumForTests();

function load(fileName: string, text = readFileSync(join(SCENARIOS, fileName), 'utf8')): Scenario {
  const { scenario, errors } = parseScenario(text, fileName);
  if (!scenario) throw new Error(`${fileName}: ${errors.map((e) => e.message).join('; ')}`);
  return scenario;
}

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    return '';
  }
})();

const model = compileModel(ferroptosis as unknown as ModelDefinition);

describe.skipIf(!hasChromium)('browser app tools in headless Chromium', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await openApp();
    await selectScenario(app.page, 'ifng-erastin.yaml');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  async function download(click: () => Promise<void>): Promise<{ name: string; text: string; bytes: Buffer }> {
    const [d] = await Promise.all([app.page.waitForEvent('download'), click()]);
    const bytes = readFileSync((await d.path())!);
    return { name: d.suggestedFilename(), text: bytes.toString('utf8'), bytes };
  }

  it('adds a species and a rule from the output picker; plots them as the library computes them, spikes resolved', async () => {
    const { page } = app;
    const file = load('ifng-erastin.yaml');
    expect(file.outputs).not.toContain('TfR1');
    await page.click('#outputs-toggle');
    await page.fill('#output-search', 'transferrin');
    expect(await page.locator('#output-groups input[data-output]').count()).toBeGreaterThan(0);
    let before = await redraws(page);
    await page.check('input[data-output="TfR1"]');
    await waitForRedraw(page, before);
    await page.fill('#output-search', 'jak');
    before = await redraws(page);
    await page.check('input[data-output="jak"]');
    await waitForRedraw(page, before);
    await page.fill('#output-search', '');
    // Grouped by module, every species, rule and observable of the model listed once.
    const listed = await page.$$eval('#output-groups input[data-output]', (els) => els.map((e) => (e as HTMLElement).dataset.output!));
    const all = new Set([...model.speciesIds, ...model.observableIds, ...Object.keys(ferroptosis.rules ?? {})]);
    expect(new Set(listed)).toEqual(all);
    expect(listed).toHaveLength(all.size);

    const plotted = await plottedSeries(page);
    expect(plotted.map((p) => p.id).sort()).toEqual([...file.outputs, 'TfR1', 'jak'].sort());
    const node = runScenario(file, { outputs: ['TfR1', 'lipidROS'] });
    for (const o of node.outputs) {
      const p = plotted.find((s) => s.id === o.id)!;
      const at = new Map(p.x.map((t, k) => [t, k]));
      for (let i = 0; i < node.times.length; i += 6) {
        const k = at.get(node.times[i])!;
        expect(k, `t = ${node.times[i]} among the samples`).toBeDefined();
        expect(Math.abs(p.y[k] - o.values[i])).toBeLessThanOrEqual(1e-7 * Math.max(...o.values.map(Math.abs)));
      }
    }
    // The lipid-ROS spike: its peak on a fine grid, which the hourly output grid misses.
    const fine = runScenario(file, { outputs: ['lipidROS'], times: Float64Array.from({ length: 14_401 }, (_, i) => (72 * i) / 14_400) });
    const finePeak = Math.max(...fine.outputs[0].values);
    const hourlyPeak = Math.max(...node.outputs[1].values);
    const plottedPeak = Math.max(...plotted.find((s) => s.id === 'lipidROS')!.y);
    expect(hourlyPeak).toBeLessThan(0.9 * finePeak);
    expect(plottedPeak).toBeGreaterThan(0.98 * finePeak);
    // The rule, plotted as the model defines it: jak = the JAK activity of the cytokine module.
    const jak = plotted.find((s) => s.id === 'jak')!;
    expect(jak.y.every(Number.isFinite)).toBe(true);
    await page.click('#outputs-toggle');
  });

  it('switches a panel to a log y axis and labels the dose markers', async () => {
    const { page } = app;
    const before = await redraws(page);
    await page.check('#plots .card[data-module="lipid"] input.log-y');
    await page.waitForFunction(() => {
      const gd = document.querySelector('#plots .plot[data-module="lipid"]') as unknown as { layout?: { yaxis?: { type?: string } } };
      return gd?.layout?.yaxis?.type === 'log';
    });
    expect(await redraws(page)).toBe(before); // a redraw of the figure, no new solve
    const lin = await page.evaluate(() => (document.querySelector('#plots .plot[data-module="viability"]') as unknown as { layout: { yaxis: { type?: string } } }).layout.yaxis.type);
    expect(lin).not.toBe('log');
    const doses = await page.evaluate(() => {
      const gd = document.querySelector('#plots .plot[data-module="viability"]') as unknown as { layout: { annotations?: { text: string; x: number; meta?: { role?: string } }[] } };
      return (gd.layout.annotations ?? []).filter((a) => a.meta?.role === 'dose').map((a) => ({ text: a.text, x: a.x }));
    });
    expect(doses).toEqual([{ text: 'erastin → 1 µM', x: 24 }]);
  });

  it('offers no cloud upload anywhere: no share button, no plotly link, no cloud server', async () => {
    const { page } = app;
    await page.hover('#plots .plot[data-module="viability"]');
    await page.waitForSelector('#plots .plot[data-module="viability"] .modebar-btn');
    const found = await page.evaluate(() => {
      const titles = [...document.querySelectorAll('[data-title]')].map((e) => e.getAttribute('data-title') ?? '');
      const links = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '');
      const attrs = [...document.querySelectorAll('.modebar-btn')].map((b) => b.getAttribute('data-attr') ?? '');
      const gd = document.querySelector('#plots .plot') as unknown as { _context: { showSendToCloud: boolean; plotlyServerURL: string; showLink?: boolean } };
      return { titles, links, attrs, text: document.body.innerText, context: gd._context };
    });
    expect(found.titles.length).toBeGreaterThan(0); // the modebar is there (zoom, pan, reset)
    for (const t of found.titles) expect(t).not.toMatch(/share|cloud|chart studio|download plot/i);
    for (const l of found.links) expect(l).not.toMatch(/plotly|plot\.ly/i);
    expect(found.text).not.toMatch(/Plotly Cloud|Share chart/i);
    expect(found.context.showSendToCloud).toBe(false);
    expect(found.context.plotlyServerURL).toBe('');
  });

  it('exports a plot as SVG with its title, legend and full stamp, and as PNG', async () => {
    const { page } = app;
    const svg = await download(() => page.click('#plots .card[data-module="lipid"] button.export-svg'));
    expect(svg.name).toBe('ifng-erastin-lipid.svg');
    expect(svg.text).toMatch(/^<svg/);
    expect(svg.text).toContain('ifng-erastin: Lipid peroxidation');
    expect(svg.text).toContain('class="legend"');
    expect(svg.text).toContain('lipidROS [dimensionless]');
    expect(svg.text).toContain(`commit ${commit || 'unknown'}`);
    expect(svg.text).toContain(`model ferroptosis ${model.hash}; scenario ifng-erastin`);
    expect(svg.text).toMatch(/solver rodas5p, rtol 1e-5, atol 1e-9/);
    expect(svg.text).toMatch(/node browser Chrome \d+/);
    const png = await download(() => page.click('#plots .card[data-module="lipid"] button.export-png'));
    expect(png.name).toBe('ifng-erastin-lipid.png');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('pins any number of runs, each named by what differs, and exports them together', async () => {
    const { page } = app;
    await page.click('#pin-run');
    let before = await redraws(page);
    await page.fill('input[aria-label="IFNG value in ng/mL"]', '3');
    await page.dispatchEvent('input[aria-label="IFNG value in ng/mL"]', 'change');
    await waitForRedraw(page, before);
    await page.click('#pin-run');
    before = await redraws(page);
    await page.fill('input[aria-label="IFNG value in ng/mL"]', '0');
    await page.dispatchEvent('input[aria-label="IFNG value in ng/mL"]', 'change');
    await waitForRedraw(page, before);
    // A live update moves the curves in place; the legend names follow with the settling redraw.
    const legendOf = () => page.evaluate(() => {
      const gd = document.querySelector('#plots .plot[data-module="viability"]') as unknown as { data: { name: string; showlegend?: boolean; meta?: { role?: string } }[] };
      return gd.data.filter((t) => t.showlegend).map((t) => `${t.meta?.role}: ${t.name}`);
    });
    await page.waitForFunction(() => {
      const gd = document.querySelector('#plots .plot[data-module="viability"]') as unknown as { data: { name: string; meta?: { role?: string } }[] };
      return gd.data.find((t) => t.meta?.role === 'current')?.name === 'IFNG 0 ng/mL';
    }, null, { timeout: 10_000 });
    const legend = await legendOf();
    expect(legend).toEqual(['current: IFNG 0 ng/mL', 'pinned: pinned 1: as loaded', 'pinned: pinned 2: IFNG 3 ng/mL']);
    const csv = await download(() => page.click('#export-pinned'));
    const table = parseCsv(csv.text);
    expect(table.header[0]).toBe('condition');
    expect(new Set(table.rows.map((r) => r[0]))).toEqual(new Set(['1', '2', '3']));
    expect(table.comments.filter((c) => c.startsWith('# condition'))).toHaveLength(3);
    // Condition 2 (IFNG 3) is what the library computes for it.
    const file = load('ifng-erastin.yaml');
    const ifng3 = runScenario({ ...file, inputs: { ...file.inputs, IFNG: [{ at: 0, value: 3 }] } });
    const rows2 = table.rows.filter((r) => r[0] === '2');
    const col = table.header.indexOf('viability [fraction]');
    const i = ifng3.outputs.findIndex((o) => o.id === 'viability');
    expect(Math.abs(Number(rows2[48][col]) - ifng3.outputs[i].values[48])).toBeLessThan(1e-6);
    await screenshot(app.page, 'pinned-runs');
    await page.click('#clear-pinned');
  });

  it('shows the steady state for the current settings equal to steadyState in Node, with stable eigenvalues', async () => {
    const { page } = app;
    await selectScenario(page, 'baseline.yaml');
    const before = await redraws(page);
    await page.fill('input[aria-label="GPX4_expression value in dimensionless"]', '0.5');
    await page.dispatchEvent('input[aria-label="GPX4_expression value in dimensionless"]', 'change');
    await waitForRedraw(page, before);
    await page.click('#steady-toggle');
    await page.waitForSelector('#steady-table');
    const shown = await page.$$eval('#steady-table tbody tr', (rows) => rows.map((r) => ({ id: (r as HTMLElement).dataset.id!, v: Number((r.querySelector('.value') as HTMLElement).dataset.value) })));
    const node = steadyState(model, { parameters: { GPX4_expression: 0.5 } });
    expect(node.ok).toBe(true);
    expect(shown.map((r) => r.id)).toEqual([...model.speciesIds]);
    shown.forEach((r, i) => expect(Math.abs(r.v - node.y[i])).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(node.y[i]), 1e-6)));
    const eig = await page.$$eval('#eigen-table tbody tr', (rows) => rows.map((r) => Number((r as HTMLElement).dataset.re)));
    const a = analyseSteadyState(model, { parameters: { GPX4_expression: 0.5 } });
    eig.forEach((re, i) => expect(Math.abs(re - a.re[i])).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(a.re[i]), 1e-3)));
    expect(await page.getAttribute('#steady-summary', 'data-stability')).toBe('stable');
    expect(Number(await page.getAttribute('#steady-timescale', 'data-hours'))).toBeCloseTo(a.slowestTimeScale, 6);
    expect(await page.textContent('#steady-summary')).toMatch(/Newton/);
    await screenshot(page, 'steady-state');
    await page.click('#steady-toggle');
  });

  it('reports an unclosed { at the line it opens', async () => {
    const { page } = app;
    const broken = 'name: broken\ndescription: an unclosed flow mapping\nmodel: ferroptosis\ntime: { end: 24, points: 25\ninputs:\n  erastin: 1\n';
    await page.setInputFiles('#file-input', { name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(broken) });
    await page.waitForSelector('#error-banner:not([hidden])');
    const banner = (await page.textContent('#error-banner'))!;
    expect(banner).toContain('broken.yaml:4:7');
    expect(banner).toContain('4 | time: { end: 24, points: 25');
    await page.click('#error-banner button');
  });

  it('draws dose 0 on a log axis as a labelled control marker; the sweep CSV is the CLI\'s, stamp and commit included', async () => {
    const { page } = app;
    await selectScenario(page, 'erastin-dose-response.yaml');
    await page.click('#tab-sweep');
    await page.fill('#axis1-points', '5');
    await page.dispatchEvent('#axis1-points', 'change');
    await page.check('#axis1-zero');
    await page.click('#sweep-run');
    await page.waitForFunction(() => document.body.dataset.sweep === 'done', null, { timeout: 60_000 });
    const fig = await page.evaluate(() => {
      const gd = document.getElementById('dose-response-plot') as unknown as { data: { x: unknown[]; y: number[]; xaxis?: string; meta?: { role?: string } }[]; layout: { xaxis2?: { type: string; categoryarray: string[] } } };
      return { control: gd.data.filter((t) => t.meta?.role === 'control').map((t) => ({ x: t.x, y: t.y, xaxis: t.xaxis })), axis: gd.layout.xaxis2 };
    });
    const file = load('erastin-dose-response.yaml');
    const sweep = { ...file, sweep: { ...file.sweep!, axes: [{ ...file.sweep!.axes[0], spec: { list: [0, 0.01, 0.1, 1, 10, 100] }, values: [0, 0.01, 0.1, 1, 10, 100] }] } } as Scenario;
    const control = evaluateSweepPoint(sweep, sweepGrid(sweep)[0]);
    expect(fig.control).toHaveLength(1);
    expect(fig.control[0].x).toEqual(['dose 0 (control)']);
    expect(fig.control[0].xaxis).toBe('x2');
    expect(Math.abs(fig.control[0].y[0] - control)).toBeLessThan(1e-7);
    expect(fig.axis?.type).toBe('category');
    await screenshot(page, 'dose-zero');

    const csv = await download(() => page.click('#sweep-csv'));
    expect(csv.text).toContain(`# ferrosim 0.1.0 (commit ${commit || 'unknown'}), node browser Chrome`);
    // The CLI's strict reader accepts it (checksum, axis lines, every row), and merge reads it ...
    const read = readSweepFile(csv.name, csv.text);
    expect(read.partial).toBe(false);
    expect(read.rows).toHaveLength(6);
    expect(read.head[0]).toContain(`commit ${commit || 'unknown'}`);
    expect(mergeSweepCsv([{ name: csv.name, text: csv.text }])).toBe(csv.text);
    // ... and it matches the CLI's own sweep CSV of the same scenario, header and values.
    const saved = parseCsv(csv.text);
    const scenarioText = await page.evaluate(() => window.ferrosim!.sweepView.sweepScenario()!.text);
    const same = load('sweep.yaml', scenarioText);
    const results = sweepGrid(same).map((p, index) => ({ index, value: evaluateSweepPoint(same, p), status: 'success' as const, message: '', steps: 0 }));
    const cli = sweepToCsv(same, sweepUnits(model, same), results);
    expect(saved.header).toEqual(parseCsv(cli).header);
    const cmp = compareCsv(same.name, cli, csv.text, { rtol: 1e-6, atol: 1e-9 });
    expect(cmp.problems).toEqual([]);
    expect(cmp.diffs).toEqual([]);
  });

  it('saves a sweep as a scenario that keeps the file\'s expect: block', async () => {
    const { page } = app;
    const saved = await download(() => page.click('#sweep-save'));
    const back = load('saved.yaml', saved.text);
    const file = load('erastin-dose-response.yaml');
    expect(back.expect).toEqual(file.expect);
    expect(back.sweep!.axes[0].values).toEqual([0, 0.01, 0.1, 1, 10, 100]);
    expect(saved.text).toContain('expect:');
    expect(saved.text).toContain('- { fit: ec50, between: [0.3, 5], note: "erastin EC50 about 1–2 µM at 24 h (Dixon 2012, [R])" }');
  });

  it('fills the heatmap in as points arrive, with an ETA; cancel keeps what is done', async () => {
    const { page } = app;
    await selectScenario(page, 'ifng-erastin.yaml');
    await page.click('#tab-sweep');
    // Big enough (21 × 21) that it is still running when cancelled, even on an idle machine.
    await page.fill('#axis1-points', '20');
    await page.dispatchEvent('#axis1-points', 'change');
    await page.fill('#axis2-points', '20');
    await page.dispatchEvent('#axis2-points', 'change');
    await page.click('#sweep-run');
    await page.waitForFunction(() => document.body.dataset.sweep === 'running');
    expect(await page.textContent('#sweep-results')).not.toContain('Choose the axes');
    await page.waitForFunction(() => {
      const gd = document.getElementById('heatmap-plot') as unknown as { data?: { z: (number | null)[][] }[] };
      const z = gd?.data?.[0]?.z.flat() ?? [];
      return z.some((v) => typeof v === 'number' && Number.isFinite(v));
    }, null, { timeout: 60_000 });
    expect(await page.textContent('#sweep-progress-text')).toMatch(/\d+ \/ \d+ points · [\d.]+ s · about .* left/);
    await page.click('#sweep-cancel');
    await page.waitForFunction(() => document.body.dataset.sweep === 'cancelled');
    const kept = await page.evaluate(() => {
      const gd = document.getElementById('heatmap-plot') as unknown as { data: { z: (number | null)[][] }[] };
      return { finite: gd.data[0].z.flat().filter((v) => typeof v === 'number' && Number.isFinite(v)).length, done: window.ferrosim!.sweepView.pointsDone };
    });
    expect(kept.finite).toBe(kept.done);
    expect(kept.done).toBeLessThan(21 * 21);
    expect(await page.isDisabled('#sweep-csv')).toBe(false);
    const csv = await download(() => page.click('#sweep-csv'));
    // Written as the CLI writes an interrupted sweep: a partial file `ferrosim sweep --resume` continues.
    expect(csv.name).toBe('ifng-erastin-sweep-partial.csv');
    const read = readSweepFile(csv.name, csv.text);
    expect(read.partial).toBe(true);
    expect(read.rows).toHaveLength(kept.done);
    await screenshot(page, 'sweep-cancelled');
  });

  it('draws the time courses at full width after sweep → time courses → open file', async () => {
    const { page } = app;
    await page.click('#tab-scenario');
    const before = await redraws(page);
    const text = readFileSync(join(SCENARIOS, 'baseline.yaml'));
    await page.setInputFiles('#file-input', { name: 'mine.yaml', mimeType: 'text/yaml', buffer: text });
    await waitForRedraw(page, before);
    const widths = await page.evaluate(() => {
      const container = document.getElementById('plots')!.clientWidth;
      return [...document.querySelectorAll('#plots .plot .main-svg')].filter((_, i, all) => all.indexOf(_) === i).map((svg) => ({ svg: (svg as SVGSVGElement).getBoundingClientRect().width, container }));
    });
    expect(widths.length).toBeGreaterThan(0);
    for (const w of widths) expect(w.svg).toBeGreaterThan(w.container - 4);
  });

  it('logged no uncaught errors in the console', () => {
    expect(app.consoleErrors).toEqual([]);
  });
});
