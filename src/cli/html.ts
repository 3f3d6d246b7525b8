/**
 * A self-contained HTML report of one run: summary, reproducibility stamp and plotly time courses
 * (one panel per output, unit on the axis). plotly.js is inlined, so the file works offline.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ScenarioResult, Scenario, Stamp, ExpectationOutcome } from '../scenario/core.ts';
import { stampLines } from '../scenario/core.ts';

let plotlySource: string | undefined;

/**
 * The plotly.js-dist bundle, minified (10 MB → about 3.5 MB): in the built package, minified ahead
 * into dist/lib/plotly.min.js (scripts/build-package.ts); from the source, once per process.
 */
async function plotly(): Promise<string> {
  if (plotlySource === undefined && typeof FERROSIM_BUILD !== 'undefined') {
    plotlySource = readFileSync(new URL('./plotly.min.js', import.meta.url), 'utf8');
  }
  if (plotlySource === undefined) {
    const require = createRequire(import.meta.url);
    const raw = readFileSync(require.resolve('plotly.js-dist'), 'utf8');
    try {
      const esbuild = await import('esbuild');
      plotlySource = (await esbuild.transform(raw, { minify: true, legalComments: 'none' })).code;
    } catch {
      plotlySource = raw;
    }
  }
  return plotlySource;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** JSON safe inside <script>: no "</script>" can close the tag early. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}

export async function htmlReport(scenario: Scenario, result: ScenarioResult, stamp: Stamp, expectations: ExpectationOutcome[]): Promise<string> {
  const series = result.outputs.map((o) => ({ id: o.id, unit: o.unit || '1', values: Array.from(o.values) }));
  const times = Array.from(result.times);
  const last = times.length - 1;
  const rows = result.outputs
    .map((o) => `<tr><td>${escapeHtml(o.id)}</td><td class="n">${o.values[last]?.toPrecision(6) ?? ''}</td><td>${escapeHtml(o.unit || '1')}</td></tr>`)
    .join('');
  const expectRows = expectations
    .map((e) => `<tr class="${e.pass ? 'ok' : 'bad'}"><td>${e.pass ? 'pass' : 'FAIL'}</td><td>${escapeHtml(e.what)}</td><td class="n">${e.value.toPrecision(4)}</td><td>${escapeHtml(e.bound)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>ferrosim: ${escapeHtml(scenario.name)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:2px 10px;border-bottom:1px solid #ddd;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#b00}.ok{color:#070}
pre{background:#f6f6f6;padding:.5em}#plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:8px}
</style></head><body>
<h1>${escapeHtml(scenario.name)}</h1>
<p>${escapeHtml(scenario.description)}</p>
<p>Status: <b>${escapeHtml(result.status)}</b>${result.message ? ` — ${escapeHtml(result.message)}` : ''}. Start: ${escapeHtml(result.start.kind)} (${escapeHtml(result.start.method)}). ${result.stats.steps} steps, wall time ${result.wallMs.toFixed(1)} ms.</p>
<pre>${escapeHtml(stampLines(stamp).join('\n'))}</pre>
<h2>Final values (t = ${times[last]} ${escapeHtml(result.timeUnit)})</h2><table><tr><th>output</th><th>value</th><th>unit</th></tr>${rows}</table>
${expectations.length ? `<h2>Expectations</h2><table><tr><th></th><th>what</th><th>value</th><th>bound</th></tr>${expectRows}</table>` : ''}
<h2>Time courses</h2><div id="plots"></div>
<script>${await plotly()}</script>
<script>
const times = ${scriptJson(times)};
const series = ${scriptJson(series)};
const timeAxis = ${scriptJson(`time [${result.timeUnit}]`)};
const root = document.getElementById('plots');
for (const s of series) {
  const div = document.createElement('div');
  root.appendChild(div);
  Plotly.newPlot(div, [{ x: times, y: s.values, mode: 'lines', name: s.id }], {
    title: { text: s.id }, height: 280, margin: { l: 60, r: 10, t: 36, b: 40 },
    xaxis: { title: { text: timeAxis } }, yaxis: { title: { text: s.id + ' [' + s.unit + ']' } },
  }, { displaylogo: false, responsive: true, showSendToCloud: false, showLink: false, plotlyServerURL: '' });
}
</script>
</body></html>
`;
}
