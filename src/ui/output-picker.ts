/**
 * The output picker: every species, rule and observable of the loaded model, grouped by module,
 * with a search box. Ticking an id adds it to the plots (in its module's panel); the scenario's own
 * outputs are ticked after a load. What is ticked is sent with each run (protocol.ts `outputs`).
 */
import { h } from './dom.ts';
import type { ModelInfo } from './model-info.ts';
import type { PlotModule } from './modules.ts';
import { searchCatalog, type CatalogGroup } from './output-catalog.ts';

const KIND_LABEL = { species: 'species', rule: 'rule', observable: 'observable' } as const;

export class OutputPicker {
  private readonly root: HTMLElement;
  private readonly catalog: CatalogGroup[];
  private readonly onChange: () => void;
  private chosen: string[] = [];
  private query = '';
  private readonly list = h('div', { class: 'picker-groups', id: 'output-groups' });
  private readonly search = h('input', { type: 'search', class: 'search', id: 'output-search', placeholder: 'Search species, rules, observables (id, unit, description)…', 'aria-label': 'Search outputs' });
  private readonly count = h('span', { class: 'sub', id: 'output-count' });

  constructor(root: HTMLElement, info: ModelInfo, onChange: () => void) {
    this.root = root;
    this.catalog = info.catalog;
    this.onChange = onChange;
    this.search.addEventListener('input', () => {
      this.query = this.search.value;
      this.fill();
    });
    root.replaceChildren(
      h('div', { class: 'card-head' },
        h('h2', {}, 'Outputs'), this.count,
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary icon', id: 'outputs-scenario', onClick: () => this.set(this.defaults) }, 'Scenario\'s outputs'),
          h('button', { type: 'button', class: 'secondary icon', id: 'outputs-none', onClick: () => this.set(this.chosen.slice(0, 1)) }, 'Only the first'),
        ),
      ),
      h('div', { class: 'picker-body' }, this.search, this.list),
    );
  }

  private defaults: string[] = [];

  /** After a load: the scenario's outputs, in its order. */
  reset(outputs: readonly string[]): void {
    this.defaults = [...outputs];
    this.chosen = [...outputs];
    this.fill();
  }

  /** Ids to plot, in the order they were chosen. */
  selected(): string[] {
    return [...this.chosen];
  }

  focus(): void {
    this.search.focus();
  }

  /** The catalog module of an id (where a picked output is plotted). */
  moduleOf(id: string): PlotModule | undefined {
    return this.catalog.find((g) => g.entries.some((e) => e.id === id))?.module;
  }

  private set(ids: string[]): void {
    this.chosen = [...ids];
    this.fill();
    this.onChange();
  }

  private toggle(id: string, on: boolean): void {
    if (on && !this.chosen.includes(id)) this.chosen.push(id);
    // At least one output stays plotted.
    if (!on && this.chosen.length > 1) this.chosen = this.chosen.filter((x) => x !== id);
    this.fill();
    this.onChange();
  }

  private fill(): void {
    const total = this.catalog.reduce((n, g) => n + g.entries.length, 0);
    this.count.textContent = `${this.chosen.length} of ${total} plotted`;
    const groups = searchCatalog(this.catalog, this.query);
    this.list.replaceChildren(
      ...groups.map((g) =>
        h('fieldset', { class: 'picker-group', 'data-module': g.module.id },
          h('legend', {}, g.module.title),
          g.entries.map((e) => {
            const box = h('input', { type: 'checkbox', 'data-output': e.id, checked: this.chosen.includes(e.id), 'aria-label': `Plot ${e.id}` });
            box.addEventListener('change', () => this.toggle(e.id, box.checked));
            return h('label', { class: 'picker-item', title: e.description },
              box, h('code', {}, e.id), h('span', { class: 'unit' }, e.unit ? `[${e.unit}]` : ''), h('span', { class: `kind kind-${e.kind}` }, KIND_LABEL[e.kind]));
          }),
        )),
    );
    if (groups.length === 0) this.list.append(h('div', { class: 'empty' }, 'Nothing matches.'));
  }
}
