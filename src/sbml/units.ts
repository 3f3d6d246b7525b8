/**
 * SBML units → ferrosim unit strings (see src/model/units.ts). SBML composes units from SI base
 * kinds with multiplier, scale and exponent; ferrosim has concentration, mass, volume, time and
 * r.u. dimensions with base units µM, g, mL and h. An amount (mole) is concentration × volume
 * there (1 mol = 1 M · 1 L). Units outside that space (metre, kelvin, item, …) are not mapped.
 */
import { parseUnit } from '../model/units.ts';

export interface SbmlUnitTerm {
  kind: string;
  exponent: number;
  scale: number;
  multiplier: number;
}

export type UnitDefinitions = ReadonlyMap<string, SbmlUnitTerm[]>;

/** Exponents over ferrosim's dimensions (concentration, mass, volume, time) and the factor to µM, g, mL, h. */
interface Dimensioned {
  dims: [number, number, number, number];
  factor: number;
}

/** One SI kind in ferrosim's base units. */
const KINDS: Record<string, Dimensioned> = {
  mole: { dims: [1, 0, 1, 0], factor: 1e9 }, // 1 mol = 1e6 µM · 1e3 mL
  litre: { dims: [0, 0, 1, 0], factor: 1e3 },
  liter: { dims: [0, 0, 1, 0], factor: 1e3 },
  metre: { dims: [0, 0, 1 / 3, 0], factor: 1e2 }, // 1 m³ = 1e6 mL
  meter: { dims: [0, 0, 1 / 3, 0], factor: 1e2 },
  gram: { dims: [0, 1, 0, 0], factor: 1 },
  kilogram: { dims: [0, 1, 0, 0], factor: 1e3 },
  second: { dims: [0, 0, 0, 1], factor: 1 / 3600 },
  dimensionless: { dims: [0, 0, 0, 0], factor: 1 },
};

/** Resolves a unit id (a definition or an SI kind) to dimensions and factor; null if not mappable. */
export function resolveUnit(id: string, defs: UnitDefinitions): Dimensioned | null {
  const terms = defs.get(id) ?? (KINDS[id] ? [{ kind: id, exponent: 1, scale: 0, multiplier: 1 }] : null);
  if (!terms) return null;
  const out: Dimensioned = { dims: [0, 0, 0, 0], factor: 1 };
  for (const term of terms) {
    const k = KINDS[term.kind];
    if (!k) return null;
    for (let i = 0; i < 4; i++) out.dims[i] += k.dims[i] * term.exponent;
    out.factor *= (term.multiplier * 10 ** term.scale * k.factor) ** term.exponent;
  }
  out.dims = out.dims.map((d) => Math.round(d * 1e9) / 1e9) as Dimensioned['dims'];
  return out.dims.every(Number.isInteger) ? out : null;
}

export function divideUnits(a: Dimensioned, b: Dimensioned): Dimensioned {
  return { dims: a.dims.map((d, i) => d - b.dims[i]) as Dimensioned['dims'], factor: a.factor / b.factor };
}

/** Candidate atoms per dimension, most common first; the factor picks among them. */
const ATOMS: readonly (readonly [string, number][])[] = [
  [['µM', 1], ['nM', 1e-3], ['mM', 1e3], ['M', 1e6], ['pM', 1e-6]],
  [['g', 1], ['mg', 1e-3], ['µg', 1e-6], ['ng', 1e-9], ['pg', 1e-12]],
  [['mL', 1], ['L', 1e3]],
  [['h', 1], ['s', 1 / 3600], ['min', 1 / 60], ['d', 24]],
];

/** A ferrosim unit string for the unit, or null when no combination of atoms has its factor. */
export function toFerrosimUnit(u: Dimensioned): string | null {
  const used = u.dims.map((d, i) => (d === 0 ? [] : [i])).flat();
  if (used.length === 0) return Math.abs(u.factor - 1) < 1e-9 ? 'dimensionless' : null;
  const choice: number[] = used.map(() => 0);
  for (;;) {
    let factor = 1;
    used.forEach((dim, k) => (factor *= ATOMS[dim][choice[k]][1] ** u.dims[dim]));
    if (Math.abs(factor / u.factor - 1) < 1e-9) {
      const pos: string[] = [];
      const neg: string[] = [];
      used.forEach((dim, k) => {
        const d = u.dims[dim];
        const atom = ATOMS[dim][choice[k]][0];
        (d > 0 ? pos : neg).push(Math.abs(d) === 1 ? atom : `${atom}^${Math.abs(d)}`);
      });
      const text = `${pos.length > 0 ? pos.join('*') : '1'}${neg.map((n) => `/${n}`).join('')}`;
      return 'error' in parseUnit(text) ? null : text;
    }
    let k = 0;
    while (k < used.length && ++choice[k] === ATOMS[used[k]].length) choice[k++] = 0;
    if (k === used.length) return null;
  }
}

/** How many hours one unit of `id` is, if `id` is a pure time unit. */
export function hoursPer(id: string, defs: UnitDefinitions): number | null {
  const u = resolveUnit(id, defs);
  if (!u || u.dims[0] !== 0 || u.dims[1] !== 0 || u.dims[2] !== 0 || u.dims[3] !== 1) return null;
  return u.factor;
}
