/**
 * Edits to a scenario as pure functions on the normalised Scenario (src/scenario/types.ts):
 * each returns a new object and leaves its argument alone, so the loaded scenario stays
 * available for "reset" and for describing what changed.
 */
import type { InputSchedule, Scenario, SweepAxis, Readout } from '../scenario/types.ts';
import { formatNumber } from './dom.ts';

function copy(s: Scenario): Scenario {
  return structuredClone(s);
}

export function setParameter(s: Scenario, id: string, value: number | undefined): Scenario {
  const next = copy(s);
  if (value === undefined) delete next.parameters[id];
  else next.parameters[id] = value;
  return next;
}

/** A constant input from t = 0 (written as `id: value`). */
export function setInputConstant(s: Scenario, id: string, value: number): Scenario {
  const next = copy(s);
  next.inputs[id] = [{ at: 0, value }];
  if (!next.constantInputs.includes(id)) next.constantInputs.push(id);
  return next;
}

/** A piecewise-constant schedule (written as a list of `{ at, value }`), sorted by time. */
export function setInputSchedule(s: Scenario, id: string, steps: InputSchedule): Scenario {
  const next = copy(s);
  next.inputs[id] = [...steps].sort((a, b) => a.at - b.at).map((x) => ({ at: x.at, value: x.value }));
  next.constantInputs = next.constantInputs.filter((x) => x !== id);
  return next;
}

/** Back to the model's default for this input (the key disappears from the file). */
export function removeInput(s: Scenario, id: string): Scenario {
  const next = copy(s);
  delete next.inputs[id];
  next.constantInputs = next.constantInputs.filter((x) => x !== id);
  return next;
}

/** Restores one input or parameter to its value in `original`. */
export function resetId(s: Scenario, original: Scenario, id: string, kind: 'input' | 'parameter'): Scenario {
  if (kind === 'parameter') return setParameter(s, id, original.parameters[id]);
  if (!(id in original.inputs)) return removeInput(s, id);
  const next = copy(s);
  next.inputs[id] = structuredClone(original.inputs[id]);
  next.constantInputs = next.constantInputs.filter((x) => x !== id);
  if (original.constantInputs.includes(id)) next.constantInputs.push(id);
  return next;
}

export function setTime(s: Scenario, end: number, points: number): Scenario {
  const next = copy(s);
  next.timeSpec = { end, points };
  next.end = end;
  // Expectations about times past the new end cannot be checked any more.
  next.expect = next.expect.filter((e) => e.at === undefined || e.at <= end);
  return next;
}

export function setSweep(s: Scenario, axes: Pick<SweepAxis, 'id' | 'kind' | 'spec'>[], readout: Readout): Scenario {
  const next = copy(s);
  next.sweep = {
    axes: axes.map((a) => ({ id: a.id, kind: a.kind, spec: a.spec, values: 'list' in a.spec ? [...a.spec.list] : [] })),
    readout,
  };
  // Expectations were written for the file's own grid (or for a time course); they do not
  // carry over to a sweep the user has just defined.
  next.expect = [];
  return next;
}

export function withoutSweep(s: Scenario): Scenario {
  const next = copy(s);
  delete next.sweep;
  next.expect = next.expect.filter((e) => e.where === undefined && e.fit === undefined);
  return next;
}

function sameSchedule(a: InputSchedule | undefined, b: InputSchedule | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((x, i) => x.at === b[i].at && x.value === b[i].value);
}

export function inputChanged(s: Scenario, original: Scenario, id: string): boolean {
  return !sameSchedule(s.inputs[id], original.inputs[id]);
}

export function parameterChanged(s: Scenario, original: Scenario, id: string): boolean {
  return s.parameters[id] !== original.parameters[id];
}

function describeSchedule(steps: InputSchedule | undefined, unit: string): string {
  if (!steps || steps.length === 0) return 'default';
  if (steps.length === 1 && steps[0].at === 0) return `${formatNumber(steps[0].value)} ${unit}`;
  return steps.map((x) => `${formatNumber(x.value)} ${unit} from ${formatNumber(x.at)} h`).join(', ');
}

/** "IFNG 10 ng/mL; GPX4_expression 0.2" — what differs from the loaded file, for legends. */
export function describeEdits(s: Scenario, original: Scenario, unit: (id: string) => string): string {
  const parts: string[] = [];
  const inputIds = new Set([...Object.keys(s.inputs), ...Object.keys(original.inputs)]);
  for (const id of inputIds) {
    if (inputChanged(s, original, id)) parts.push(`${id} ${describeSchedule(s.inputs[id], unit(id))}`);
  }
  const paramIds = new Set([...Object.keys(s.parameters), ...Object.keys(original.parameters)]);
  for (const id of paramIds) {
    if (parameterChanged(s, original, id)) {
      parts.push(s.parameters[id] === undefined ? `${id} default` : `${id} ${formatNumber(s.parameters[id])}`);
    }
  }
  if (s.end !== original.end) parts.push(`${formatNumber(s.end)} h`);
  return parts.length === 0 ? 'as loaded' : parts.join('; ');
}

/** Times at which some input switches (0 < t < end), for dotted markers on the plots. */
export function switchTimes(s: Scenario): number[] {
  const ts = new Set<number>();
  for (const steps of Object.values(s.inputs)) for (const x of steps) if (x.at > 0 && x.at < s.end) ts.add(x.at);
  return [...ts].sort((a, b) => a - b);
}

export interface DoseMark {
  t: number;
  /** What switches then: "erastin → 1 µM", several joined by ", ". */
  label: string;
}

/** The switch times with what happens at each, for labelled markers on the time axis. */
export function doseMarks(s: Scenario, unit: (id: string) => string): DoseMark[] {
  const at = new Map<number, string[]>();
  for (const [id, steps] of Object.entries(s.inputs)) {
    for (const x of steps) {
      if (!(x.at > 0 && x.at < s.end)) continue;
      const u = unit(id);
      at.set(x.at, [...(at.get(x.at) ?? []), `${id} → ${formatNumber(x.value)}${u && u !== '1' ? ` ${u}` : ''}`]);
    }
  }
  return [...at.entries()].sort((a, b) => a[0] - b[0]).map(([t, parts]) => ({ t, label: parts.join(', ') }));
}
