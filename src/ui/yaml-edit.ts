/**
 * "Save as scenario": the loaded file's own text with only the edited blocks rewritten. Everything
 * the page does not edit stays byte for byte as written: `expect:`, `tolerance:`, comments, key
 * order, folded descriptions, number spelling. (Rebuilding the file from the parsed scenario
 * would lose all of that; re-serialising the YAML document would reflow it.) The changes are
 * spliced into the text at the node ranges of the parsed document.
 */
import { Document, isMap, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { canonicalJson } from '../model/hash.ts';
import { flowLeaves, parseScenario, scenarioYamlObject, type Scenario } from '../scenario/index.ts';

/** Top-level blocks the page can change (time courses and sweeps); others are never touched. */
const EDITABLE = ['time', 'solver', 'parameters', 'initial', 'inputs', 'outputs', 'population', 'sweep'] as const;
/** Where scenarioToYaml puts each block, so a new block lands where a reader expects it. */
const ORDER = ['name', 'description', 'model', 'start', 'time', 'solver', 'parameters', 'initial', 'inputs', 'outputs', 'population', 'sweep', 'expect', 'tolerance'];

export interface EditedYaml {
  text: string;
  /** Blocks the edit had to drop or rewrite beyond the user's change, said in words (empty: none). */
  notes: string[];
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** `key: value` as scenarioToYaml writes it (small leaf collections on one line), indented. */
function entryText(key: string, value: unknown, indent: string): string {
  const doc = new Document({ [key]: value });
  flowLeaves(doc);
  (doc.contents as YAMLMap).flow = false; // the entry itself is a block line; its value may be flow
  return doc.toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n').map((l) => indent + l).join('\n');
}

const keyOf = (p: Pair) => String(isScalar(p.key) ? p.key.value : p.key);

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

/** End of the line holding position i, past its newline. */
function lineEnd(text: string, i: number): number {
  const k = text.indexOf('\n', i);
  return k < 0 ? text.length : k + 1;
}

/** The range of one `key: value` pair: from its key to the end of its value (trailing comment kept). */
function pairRange(p: Pair, text: string): [number, number] {
  const k = (p.key as Node).range!;
  const v = (p.value as Node | null)?.range;
  let end = v ? v[1] : k[1];
  // A block collection's range runs past its last line break; the pair ends before it.
  while (end > k[0] && /\s/.test(text[end - 1])) end--;
  return [k[0], end];
}

/** Splices that turn mapping `map` (a block map in `text`) from `a` into `b`, entry by entry. */
function editMap(text: string, map: YAMLMap, a: Record<string, unknown>, b: Record<string, unknown>, splices: Splice[]): void {
  const pairs = map.items as Pair[];
  const indent = text.slice(lineStart(text, pairRange(pairs[0], text)[0]), pairRange(pairs[0], text)[0]);
  for (const p of pairs) {
    const k = keyOf(p);
    const [s, e] = pairRange(p, text);
    if (!(k in b)) splices.push({ start: lineStart(text, s), end: lineEnd(text, e - 1), text: '' });
    else if (!same(a[k], b[k])) splices.push({ start: s, end: e, text: entryText(k, b[k], indent).slice(indent.length) });
  }
  const present = new Set(pairs.map(keyOf));
  const added = Object.keys(b).filter((k) => !present.has(k));
  if (added.length > 0) {
    const at = lineEnd(text, pairRange(pairs[pairs.length - 1], text)[1] - 1);
    const lines = added.map((k) => entryText(k, b[k], indent)).join('\n');
    splices.push({ start: at, end: at, text: `${at > 0 && text[at - 1] !== '\n' ? '\n' : ''}${lines}\n` });
  }
}

/**
 * Writes `edited` as an edit of `text` (the file `loaded` was parsed from). Unchanged blocks keep
 * their text; a changed block map is changed entry by entry; anything else is rewritten whole.
 */
export function editScenarioYaml(text: string, loaded: Scenario, edited: Scenario, fileName = 'scenario.yaml'): EditedYaml {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const source = text.slice(bom.length);
  const notes: string[] = [];
  const before = scenarioYamlObject(loaded);
  const after = scenarioYamlObject(edited);
  let out = splice(source, before, after, EDITABLE);
  // The file's expectations stay unless they no longer fit the edited scenario (e.g. a time past
  // a shortened end); then the edited scenario's own, filtered list is written instead.
  if (parseScenario(out, fileName).errors.some((e) => e.path.startsWith('expect'))) {
    out = splice(out, { expect: true }, { expect: after.expect }, ['expect']);
    notes.push(`expect: ${edited.expect.length === 0 ? 'dropped' : 'reduced to the expectations that still apply'}: the file's own no longer fit the edited scenario`);
  }
  return { text: bom + out, notes };
}

function splice(source: string, before: Record<string, unknown>, after: Record<string, unknown>, keys: readonly string[]): string {
  const doc = parseDocument(source);
  const top = doc.contents;
  if (!isMap(top)) throw new TypeError('editScenarioYaml: the file is not a YAML mapping');
  const pairs = top.items as Pair[];
  const splices: Splice[] = [];
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    const pair = pairs.find((p) => keyOf(p) === key);
    if (!pair) {
      if (b === undefined) continue;
      // A new block: before the first block that comes after it in the usual order.
      const rank = ORDER.indexOf(key);
      const next = pairs.find((p) => ORDER.indexOf(keyOf(p)) > rank);
      const at = next ? lineStart(source, pairRange(next, source)[0]) : source.length;
      const pre = at > 0 && source[at - 1] !== '\n' ? '\n' : '';
      splices.push({ start: at, end: at, text: `${pre}${entryText(key, b, '')}\n` });
      continue;
    }
    const [s, e] = pairRange(pair, source);
    if (b === undefined) {
      splices.push({ start: lineStart(source, s), end: lineEnd(source, e - 1), text: '' });
      continue;
    }
    const value = pair.value;
    const plain = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
    if (isMap(value) && !value.flow && value.items.length > 0 && plain(a) && plain(b)) editMap(source, value, a, b, splices);
    else splices.push({ start: s, end: e, text: entryText(key, b, '') });
  }
  splices.sort((x, y) => y.start - x.start);
  let out = source;
  for (const sp of splices) out = out.slice(0, sp.start) + sp.text + out.slice(sp.end);
  return out;
}
