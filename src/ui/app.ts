/**
 * Page-wide state: the loaded scenario (kept for reset), the edited one, its YAML text, the model
 * metadata, the error banner and the status line. Views subscribe to scenario changes.
 */
import { formatScenarioError, parseScenario, scenarioToYaml, type Scenario } from '../scenario/index.ts';
import type { ScenarioError } from '../scenario/types.ts';
import { byId, h } from './dom.ts';
import type { ModelInfo } from './model-info.ts';
import { unitOf } from './model-info.ts';
import type { LocatedError } from './protocol.ts';

export interface Loaded {
  fileName: string;
  /** The file's own text: runs use it verbatim until something is edited. */
  text: string;
  scenario: Scenario;
}

export type ChangeKind = 'load' | 'edit' | 'edit-live';

export class App {
  readonly info: ModelInfo;
  loaded!: Loaded;
  scenario!: Scenario;
  private edited = false;
  /** YAML of the edited scenario, written on demand. */
  private yaml: string | null = null;
  /** performance.now() when the latest load or edit began (start of the redraw latency). */
  changedAt = 0;
  private listeners: ((kind: ChangeKind) => void)[] = [];

  constructor(info: ModelInfo) {
    this.info = info;
  }

  unit = (id: string): string => unitOf(this.info, id);

  /** The YAML that reproduces the current state: the file itself until edited, then generated. */
  text(): string {
    if (!this.edited) return this.loaded.text;
    this.yaml ??= scenarioToYaml(this.scenario);
    return this.yaml;
  }

  fileName(): string {
    return this.loaded.fileName;
  }

  isEdited(): boolean {
    return this.edited;
  }

  onChange(fn: (kind: ChangeKind) => void): void {
    this.listeners.push(fn);
  }

  private emit(kind: ChangeKind): void {
    for (const fn of this.listeners) fn(kind);
  }

  /** Parses and loads scenario text; on errors shows them (with lines) and keeps the current state. */
  load(text: string, fileName: string): boolean {
    this.changedAt = performance.now();
    const { scenario, errors } = parseScenario(text, fileName);
    if (!scenario || errors.length > 0) {
      this.showErrors(`Could not load ${fileName}`, errors.map((e) => located(e)), text);
      return false;
    }
    this.clearErrors();
    this.loaded = { fileName, text, scenario };
    this.scenario = scenario;
    this.edited = false;
    this.yaml = null;
    this.emit('load');
    return true;
  }

  /**
   * Applies an edit. A structural edit (schedule steps, times) goes through YAML and back,
   * exactly as "save as scenario" and `ferrosim run` would see it, and a problem is shown with
   * the edit not applied. A live value edit (a slider step: one finite value ≥ 0 replaced) keeps
   * the scenario object as it is and writes the YAML only when asked for, so dragging stays fast;
   * the YAML round trip of such an edit is exact (scenarioToYaml writes shortest round-trip
   * numbers), which the end-to-end test "save as scenario" checks.
   */
  edit(fn: (s: Scenario) => Scenario, live = false): boolean {
    this.changedAt = performance.now();
    const next = fn(this.scenario);
    if (live) {
      this.scenario = next;
      this.yaml = null;
      this.edited = true;
      this.emit('edit-live');
      return true;
    }
    const text = scenarioToYaml(next);
    const { scenario, errors } = parseScenario(text, this.loaded.fileName);
    if (!scenario || errors.length > 0) {
      this.showErrors('That change makes the scenario invalid', errors.map((e) => located(e)), text);
      return false;
    }
    this.clearErrors();
    this.scenario = scenario;
    this.yaml = text;
    this.edited = true;
    this.emit('edit');
    return true;
  }

  /** Back to the loaded file. */
  resetAll(): void {
    this.changedAt = performance.now();
    this.scenario = this.loaded.scenario;
    this.edited = false;
    this.yaml = null;
    this.clearErrors();
    this.emit('edit');
  }

  // ---- messages -------------------------------------------------------------------------

  showErrors(title: string, errors: LocatedError[], text?: string): void {
    const banner = byId('error-banner');
    const lines = text?.split(/\r?\n/) ?? [];
    const items = errors.map((e) => {
      const src = e.line > 0 && lines[e.line - 1] !== undefined ? lines[e.line - 1] : undefined;
      return h('li', { class: 'error-item', 'data-line': e.line }, e.text, src !== undefined ? h('div', { class: 'error-source' }, `${e.line} | ${src}`) : null);
    });
    banner.replaceChildren(
      h('div', { class: 'error-list-wrap' }, h('div', { class: 'error-title' }, title), h('ul', { class: 'error-list' }, items)),
      h('button', { type: 'button', 'aria-label': 'Dismiss error', onClick: () => this.clearErrors() }, '×'),
    );
    banner.hidden = false;
  }

  showMessage(title: string, message: string): void {
    this.showErrors(title, [{ line: 0, column: 0, path: '', message, text: message }]);
  }

  clearErrors(): void {
    const banner = byId('error-banner');
    banner.hidden = true;
    banner.replaceChildren();
  }

  status(text: string): void {
    byId('status').textContent = text;
  }
}

export function located(e: ScenarioError): LocatedError {
  return { line: e.line, column: e.column, path: e.path, message: e.message, text: formatScenarioError(e) };
}
