/**
 * The browser app's entry: model metadata, the bundled scenarios, tabs, file open and drag and
 * drop, and the two views. All numbers are computed in Web Workers (worker.ts) by the same
 * library functions the CLI uses.
 */
import bundled from 'ferrosim:bundled-scenarios';
import { ferroptosis } from '../model/ferroptosis/index.ts';
import type { ModelDefinition } from '../model/types.ts';
import { App } from './app.ts';
import { byId, h } from './dom.ts';
import { describeForUi } from './model-info.ts';
import { ensureModels } from './model-cache.ts';
import { ScenarioView } from './scenario-view.ts';
import { SweepView } from './sweep-view.ts';

declare global {
  interface Window {
    /** Handles for the end-to-end tests and the browser benchmark. */
    ferrosim?: { app: App; scenarioView: ScenarioView; sweepView: SweepView; ready: boolean };
  }
}

const DEFAULT_SCENARIO = /^baseline\.ya?ml$/;

function setupTabs(): void {
  const tabs = [byId<HTMLButtonElement>('tab-scenario'), byId<HTMLButtonElement>('tab-sweep')];
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      byId(t.getAttribute('aria-controls')!).hidden = !on;
    }
    if (focus) tab.focus();
    // Plotly sizes figures to their container; hidden ones need a nudge when shown.
    window.dispatchEvent(new Event('resize'));
  };
  tabs.forEach((tab, k) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
        ev.preventDefault();
        select(tabs[(k + (ev.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length], true);
      }
    });
  });
}

async function readFile(app: App, file: File): Promise<void> {
  if (!/\.ya?ml$/i.test(file.name)) {
    app.showMessage(`Cannot open ${file.name}`, 'expected a scenario file ending in .yaml or .yml');
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    app.showMessage(`Cannot open ${file.name}`, 'the file is not valid UTF-8 text');
    return;
  }
  if (app.load(text, file.name)) {
    const select = byId<HTMLSelectElement>('scenario-select');
    let opt = [...select.options].find((o) => o.value === `file:${file.name}`);
    if (!opt) {
      opt = h('option', { value: `file:${file.name}` }, `${file.name} (opened)`);
      select.append(opt);
    }
    select.value = opt.value;
  }
}

function setupLoading(app: App): void {
  const select = byId<HTMLSelectElement>('scenario-select');
  const group = h('optgroup', { label: 'Bundled scenarios' });
  for (const s of bundled) group.append(h('option', { value: `bundled:${s.name}` }, s.name.replace(/\.ya?ml$/, '')));
  select.append(group);
  select.addEventListener('change', () => {
    const name = select.value.replace(/^bundled:/, '');
    const s = bundled.find((b) => b.name === name);
    if (s) app.load(s.text, s.name);
  });

  const fileInput = byId<HTMLInputElement>('file-input');
  byId('open-file').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const f = fileInput.files?.[0];
    if (f) void readFile(app, f);
    fileInput.value = '';
  });

  const overlay = byId('drop-overlay');
  let depth = 0;
  const hasFiles = (ev: DragEvent) => [...(ev.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragenter', (ev) => {
    if (!hasFiles(ev)) return;
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener('dragover', (ev) => {
    if (hasFiles(ev)) ev.preventDefault();
  });
  document.addEventListener('drop', (ev) => {
    ev.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const f = ev.dataTransfer?.files[0];
    if (f) void readFile(app, f);
  });
}

async function start(): Promise<void> {
  const app = new App(describeForUi(ferroptosis as unknown as ModelDefinition));
  window.addEventListener('error', (ev) => app.showMessage('Unexpected error', ev.message));
  window.addEventListener('unhandledrejection', (ev) => {
    app.showMessage('Unexpected error', ev.reason instanceof Error ? ev.reason.message : String(ev.reason));
  });
  app.status('Compiling the model…');
  await new Promise((res) => setTimeout(res, 0)); // let the status paint first
  // The page validates scenarios against the same compiled model the workers use.
  const compileMs = ensureModels();
  setupTabs();
  const scenarioView = new ScenarioView(app);
  const sweepView = new SweepView(app, navigator.hardwareConcurrency || 2);
  setupLoading(app);
  // The sweep workers start (and compile the model) when the sweep view is first opened.
  for (const ev of ['click', 'focus']) byId('tab-sweep').addEventListener(ev, () => sweepView.pool.warm(), { once: true });
  window.ferrosim = { app, scenarioView, sweepView, ready: false };

  const first = bundled.find((s) => DEFAULT_SCENARIO.test(s.name)) ?? bundled[0];
  if (first) {
    byId<HTMLSelectElement>('scenario-select').value = `bundled:${first.name}`;
    app.load(first.text, first.name);
  } else {
    app.showMessage('No bundled scenarios', 'the build found no scenarios/*.yaml; open a scenario file instead');
  }
  app.status(`model compiled in ${compileMs.toFixed(0)} ms`);
  window.ferrosim.ready = true;
  document.body.dataset.ready = 'true';
}

async function startSafely(): Promise<void> {
  try {
    await start();
  } catch (err) {
    // Without the model nothing works: say why on the page rather than leave it blank.
    const banner = byId('error-banner');
    banner.replaceChildren(h('div', {}, h('div', { class: 'error-title' }, 'ferrosim could not start'), err instanceof Error ? err.message : String(err)));
    banner.hidden = false;
    byId('status').textContent = 'failed to start';
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void startSafely());
else void startSafely();
