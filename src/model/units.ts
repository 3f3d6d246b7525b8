/**
 * The unit vocabulary of ferrosim models, and the dimension algebra the compiler uses to check
 * rate laws.
 *
 * A unit string is a product of atoms, each with an optional integer exponent, joined by `*`,
 * `·` or `/` (every `/` divides by the next atom only, as in `1/µM/h`). A leading `1` is allowed.
 *
 * Atoms (scale relative to the model's base units µM and h):
 *   molar concentration  µM (also uM) = 1, nM = 1e-3, pM = 1e-6, mM = 1e3, M = 1e6
 *   mass and volume      ng, µg (ug), mg, g and mL, L — so ng/mL and µg/mL are mass concentrations
 *   time                 h = 1, min = 1/60, s = 1/3600, d = 24
 *   relative             r.u. (relative units: an arbitrary but fixed scale, its own dimension)
 *   dimensionless        fraction, dimensionless, 1, %
 *
 * Examples: µM, nM, ng/mL, µg/mL, 1/h, µM/h, 1/µM/h, µM^2, r.u./h, fraction, dimensionless.
 */

/** The units used most often, offered by autocompletion; any combination of the atoms is accepted. */
export type KnownUnit =
  | 'µM'
  | 'nM'
  | 'mM'
  | 'ng/mL'
  | 'µg/mL'
  | '1/h'
  | 'µM/h'
  | 'nM/h'
  | 'r.u./h'
  | '1/µM/h'
  | '1/nM/h'
  | '1/µM'
  | 'µM^2'
  | 'fraction'
  | 'dimensionless'
  | 'r.u.'
  | 'h';

/** A declared unit: one of the known units (autocompleted) or another valid combination of atoms. */
export type UnitString = KnownUnit | (string & {});

/** Exponents of the base dimensions, in this order. */
export const DIMENSION_NAMES = ['concentration', 'mass', 'volume', 'time', 'r.u.'] as const;

export interface Unit {
  /** Exponent of each base dimension, in `DIMENSION_NAMES` order. */
  dims: readonly number[];
  /** Factor to the base units (µM, g, mL, h, r.u.): 1 nM = 1e-3 µM. */
  scale: number;
}

const ATOMS: Record<string, Unit> = {
  µM: { dims: [1, 0, 0, 0, 0], scale: 1 },
  uM: { dims: [1, 0, 0, 0, 0], scale: 1 },
  nM: { dims: [1, 0, 0, 0, 0], scale: 1e-3 },
  pM: { dims: [1, 0, 0, 0, 0], scale: 1e-6 },
  mM: { dims: [1, 0, 0, 0, 0], scale: 1e3 },
  M: { dims: [1, 0, 0, 0, 0], scale: 1e6 },
  g: { dims: [0, 1, 0, 0, 0], scale: 1 },
  mg: { dims: [0, 1, 0, 0, 0], scale: 1e-3 },
  µg: { dims: [0, 1, 0, 0, 0], scale: 1e-6 },
  ug: { dims: [0, 1, 0, 0, 0], scale: 1e-6 },
  ng: { dims: [0, 1, 0, 0, 0], scale: 1e-9 },
  pg: { dims: [0, 1, 0, 0, 0], scale: 1e-12 },
  mL: { dims: [0, 0, 1, 0, 0], scale: 1 },
  L: { dims: [0, 0, 1, 0, 0], scale: 1e3 },
  h: { dims: [0, 0, 0, 1, 0], scale: 1 },
  min: { dims: [0, 0, 0, 1, 0], scale: 1 / 60 },
  s: { dims: [0, 0, 0, 1, 0], scale: 1 / 3600 },
  d: { dims: [0, 0, 0, 1, 0], scale: 24 },
  'r.u.': { dims: [0, 0, 0, 0, 1], scale: 1 },
  fraction: { dims: [0, 0, 0, 0, 0], scale: 1 },
  dimensionless: { dims: [0, 0, 0, 0, 0], scale: 1 },
  '%': { dims: [0, 0, 0, 0, 0], scale: 0.01 },
  '1': { dims: [0, 0, 0, 0, 0], scale: 1 },
};

/** Every accepted atom, for error messages. */
export const UNIT_ATOMS: readonly string[] = Object.keys(ATOMS);

export const DIMENSIONLESS: Unit = { dims: [0, 0, 0, 0, 0], scale: 1 };
export const PER_HOUR: Unit = { dims: [0, 0, 0, -1, 0], scale: 1 };
export const HOUR: Unit = ATOMS.h!;

/**
 * Parses a unit string. Returns the unit, or an error message that names the offending atom and
 * the valid atoms.
 */
export function parseUnit(text: string): { unit: Unit } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'empty unit' };
  // Split on the separators, keeping them; `r.u.` contains dots, so only * · / are separators.
  const parts = trimmed.split(/\s*([*·/])\s*/);
  let dims = [0, 0, 0, 0, 0];
  let scale = 1;
  let sign = 1;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (k % 2 === 1) {
      sign = part === '/' ? -1 : 1;
      continue;
    }
    const m = /^(.+?)(?:\^(-?\d+))?$/.exec(part);
    const atom = m ? ATOMS[m[1]!] : undefined;
    if (!m || !atom) {
      return { error: `unknown unit '${part}' in '${text}'; valid atoms: ${UNIT_ATOMS.join(', ')}` };
    }
    const power = sign * (m[2] === undefined ? 1 : Number(m[2]));
    dims = dims.map((d, i) => d + power * atom.dims[i]!);
    scale *= atom.scale ** power;
    sign = 1;
  }
  return { unit: { dims, scale } };
}

export function multiplyUnits(a: Unit, b: Unit, power = 1): Unit {
  return { dims: a.dims.map((d, i) => d + power * b.dims[i]!), scale: a.scale * b.scale ** power };
}

export function powerUnit(a: Unit, power: number): Unit {
  return { dims: a.dims.map((d) => d * power), scale: a.scale ** power };
}

export function sameDimension(a: Unit, b: Unit): boolean {
  return a.dims.every((d, i) => Math.abs(d - b.dims[i]!) < 1e-12);
}

export function sameUnit(a: Unit, b: Unit): boolean {
  return sameDimension(a, b) && Math.abs(a.scale - b.scale) <= 1e-12 * Math.max(a.scale, b.scale);
}

export function isDimensionless(a: Unit): boolean {
  return a.dims.every((d) => Math.abs(d) < 1e-12);
}

const SHOWN_ATOMS = ['µM', 'g', 'mL', 'h', 'r.u.'];

/** Renders a unit in base atoms, e.g. "µM/h" or "1e-3·µM" (for messages, not for parsing back). */
export function formatUnit(u: Unit): string {
  const num: string[] = [];
  const den: string[] = [];
  u.dims.forEach((d, i) => {
    if (Math.abs(d) < 1e-12) return;
    const a = Math.abs(d);
    const s = SHOWN_ATOMS[i]! + (Math.abs(a - 1) < 1e-12 ? '' : `^${+a.toFixed(6)}`);
    (d > 0 ? num : den).push(s);
  });
  let s = num.length ? num.join('·') : '1';
  for (const d of den) s += `/${d}`;
  if (s === '1') s = 'dimensionless';
  if (Math.abs(u.scale - 1) > 1e-12) s = `${+u.scale.toPrecision(6)}·${s}`;
  return s;
}
