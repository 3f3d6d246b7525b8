/**
 * Evaluates an imported model's symbols outside the compiled rhs: every spec species, parameter
 * and rule at a given (t, y), for suite outputs, and SBML events (trigger functions for the
 * solver's root finding, and the assignments when they fire).
 */
import type { EventSpec } from '../solver/types.ts';
import type { SbmlImport } from './convert.ts';
import { compileMath } from './evaluate.ts';
import type { MathNode } from './math.ts';
import { SbmlError } from './xml.ts';

export interface SbmlRuntime {
  /** Values of all symbols after `fill`, indexed by `slot`. */
  values: Float64Array;
  slot(specId: string): number;
  /** Sets states from y and evaluates every rule at time t. */
  fill(t: number, y: Float64Array): void;
  /** An SBML id's value after `fill`: species as amount or concentration, others as they are. */
  read(sbmlId: string, as: 'amount' | 'concentration' | 'value'): number;
  /** Fires events whose trigger holds at t0 with initialValue false (and their cascade); modifies y. */
  fireInitialEvents(t0: number, y: Float64Array): void;
  /** The solver's event hooks; undefined when the model has no events. */
  eventSpec: EventSpec | undefined;
  /** Number of event executions so far. */
  eventsFired: number;
}

/** Cascading events (one firing triggering another at the same instant) stop after this many rounds. */
const MAX_CASCADE = 1000;

/** The ids of a compiled model, in its vector orders. */
export interface ModelIds {
  speciesIds: readonly string[];
  parameterIds: readonly string[];
  inputIds: readonly string[];
}

/** `p` and `u` are read once: the values in force for the whole run. */
export function createRuntime(imp: SbmlImport, model: ModelIds, p: Float64Array, u: Float64Array): SbmlRuntime {
  const stateIds = model.speciesIds;
  const index = new Map<string, number>();
  const order = [...stateIds, ...model.parameterIds, ...model.inputIds, ...imp.rules.map((r) => r.id)];
  order.forEach((id, k) => index.set(id, k));
  const slot = (id: string): number => {
    const k = index.get(id);
    if (k === undefined) throw new SbmlError(`internal: no slot for '${id}'`);
    return k;
  };
  const n = stateIds.length;
  const values = new Float64Array(order.length);
  values.set(p, n);
  values.set(u, n + p.length);
  const ruleFns = imp.rules.map((r) => compileMath(r.math, slot));
  const ruleBase = n + p.length + u.length;

  const fill = (t: number, y: Float64Array): void => {
    for (let k = 0; k < n; k++) values[k] = y[k];
    for (let k = 0; k < ruleFns.length; k++) values[ruleBase + k] = ruleFns[k](values, t);
  };

  const read = (sbmlId: string, as: 'amount' | 'concentration' | 'value'): number => {
    const sp = imp.species.get(sbmlId);
    if (sp) {
      const v = values[slot(sp.specId)];
      if (as === 'value' || (as === 'amount') === sp.hasOnlySubstanceUnits) return v;
      const size = values[slot(sp.compartment)];
      return as === 'amount' ? v * size : v / size;
    }
    const id = imp.ids.get(sbmlId);
    if (id === undefined) throw new SbmlError(`unknown SBML id '${sbmlId}'`);
    return values[slot(id)];
  };

  // ---- events
  const events = imp.events.map((e) => ({
    id: e.id,
    initialValue: e.initialValue,
    holds: compileMath(e.trigger, slot),
    g: compileMath(continuousTrigger(e.trigger), slot),
    rescale: e.rescale.map((r) => ({ state: stateIds.indexOf(r.state), size: slot(r.compartment) })),
    assignments: e.assignments.map((a) => ({
      target: stateIds.indexOf(a.target),
      value: compileMath(a.math, slot),
      scaleBy: a.scaleBy === null ? -1 : slot(a.scaleBy),
    })),
  }));
  for (const e of events) {
    for (const a of e.assignments) if (a.target < 0) throw new SbmlError(`internal: event ${e.id} assigns a non-state`);
  }
  const pending = new Float64Array(Math.max(1, ...events.map((e) => e.assignments.length)));
  const truthBefore = new Uint8Array(events.length);
  const oldSize = new Float64Array(Math.max(1, ...events.map((e) => e.rescale.length)));

  const runtime: SbmlRuntime = {
    values, slot, fill, read, eventSpec: undefined, eventsFired: 0,
    fireInitialEvents(t0, y) {
      fill(t0, y);
      const fire = new Uint8Array(events.length);
      for (let i = 0; i < events.length; i++) {
        truthBefore[i] = events[i].initialValue ? 1 : 0;
        if (!events[i].initialValue && events[i].holds(values, t0) !== 0) fire[i] = 1;
      }
      execute(t0, y, fire);
    },
  };

  /** Executes the marked events in document order, then any that the assignments newly trigger. */
  function execute(t: number, y: Float64Array, fire: Uint8Array): void {
    for (let round = 0; round < MAX_CASCADE; round++) {
      let any = false;
      for (let i = 0; i < events.length; i++) {
        if (!fire[i]) continue;
        any = true;
        // It fires because its trigger holds now; it must turn false before it can fire again.
        truthBefore[i] = 1;
        const e = events[i];
        fill(t, y);
        // All of one event's assignments are computed before any is applied.
        for (let k = 0; k < e.assignments.length; k++) pending[k] = e.assignments[k].value(values, t);
        for (let k = 0; k < e.rescale.length; k++) oldSize[k] = values[e.rescale[k].size];
        // A species assignment sets its concentration in the compartment as it is before this
        // event; a compartment resized by the event keeps the amounts (SBML suite 01506, 01780).
        for (let k = 0; k < e.assignments.length; k++) {
          const a = e.assignments[k];
          y[a.target] = a.scaleBy >= 0 ? pending[k] * values[a.scaleBy] : pending[k];
        }
        fill(t, y);
        for (let k = 0; k < e.rescale.length; k++) y[e.rescale[k].state] *= oldSize[k] / values[e.rescale[k].size];
        runtime.eventsFired++;
      }
      if (!any) return;
      fill(t, y);
      for (let i = 0; i < events.length; i++) {
        const now = events[i].holds(values, t) !== 0 ? 1 : 0;
        fire[i] = !truthBefore[i] && now ? 1 : 0;
        truthBefore[i] = now;
      }
    }
    throw new SbmlError(`events keep triggering each other at t = ${t} (more than ${MAX_CASCADE} rounds)`);
  }

  if (events.length > 0) {
    const fire = new Uint8Array(events.length);
    runtime.eventSpec = {
      count: events.length,
      g(t, y, out) {
        fill(t, y);
        for (let i = 0; i < events.length; i++) out[i] = events[i].g(values, t);
      },
      onEvent(t, y, fired) {
        fill(t, y);
        for (let i = 0; i < events.length; i++) {
          // A trigger the solver reports as crossed was false just before; the others keep their truth.
          truthBefore[i] = fired[i] ? 1 : events[i].holds(values, t) !== 0 ? 1 : 0;
          fire[i] = fired[i] ? 1 : 0;
        }
        execute(t, y, fire);
        return false;
      },
    };
  }
  return runtime;
}

/**
 * A function that is positive where the trigger holds and negative where it does not, continuous
 * where the trigger is a relation between continuous quantities, so the solver can locate the
 * switch accurately: a > b ↦ a − b, and ↦ min, or ↦ max, not ↦ −g. Other triggers map to ±1.
 */
export function continuousTrigger(m: MathNode): MathNode {
  if (m.kind === 'call') {
    const [a, b] = m.args;
    switch (m.op) {
      case 'geq': return { kind: 'call', op: 'minus', args: [a, b] };
      case 'leq': return { kind: 'call', op: 'minus', args: [b, a] };
      case 'gt': return strictlyPositive(a, b);
      case 'lt': return strictlyPositive(b, a);
      case 'and': return { kind: 'call', op: 'min', args: m.args.map(continuousTrigger) };
      case 'or': return { kind: 'call', op: 'max', args: m.args.map(continuousTrigger) };
      case 'not': return { kind: 'call', op: 'minus', args: [continuousTrigger(a)] };
      default: break;
    }
  }
  return { kind: 'piecewise', pieces: [{ value: { kind: 'num', value: 1 }, cond: m }], otherwise: { kind: 'num', value: -1 } };
}


/**
 * x − y, but below zero where x = y: a strict relation is false at equality. So a trigger such as
 * `time > 0`, or `S > S0` with S starting at S0, starts below zero rather than on the root, and the
 * solver sees it cross when it turns true just after the start (SBML fires it there), instead of
 * taking the start for a root already passed.
 */
function strictlyPositive(x: MathNode, y: MathNode): MathNode {
  const d: MathNode = { kind: 'call', op: 'minus', args: [x, y] };
  return {
    kind: 'piecewise',
    pieces: [{ value: d, cond: { kind: 'call', op: 'gt', args: [x, y] } }],
    otherwise: { kind: 'call', op: 'min', args: [d, { kind: 'num', value: -Number.MIN_VALUE }] },
  };
}
