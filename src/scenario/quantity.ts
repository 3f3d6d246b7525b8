/**
 * Values written with a unit ("500 nM", "10 ng/mL", "0.2 mM"), converted to the unit the model
 * declares for that id. Only conversions within one dimension are allowed: a mass concentration
 * is never silently turned into a molar one.
 */

/** Scale of each unit relative to the base unit of its dimension. */
const UNITS: Record<string, { dim: string; scale: number }> = {
  M: { dim: 'molar', scale: 1e6 },
  mM: { dim: 'molar', scale: 1e3 },
  µM: { dim: 'molar', scale: 1 },
  μM: { dim: 'molar', scale: 1 }, // Greek mu, as some keyboards type it
  uM: { dim: 'molar', scale: 1 },
  nM: { dim: 'molar', scale: 1e-3 },
  pM: { dim: 'molar', scale: 1e-6 },
  'g/L': { dim: 'mass', scale: 1e6 },
  'mg/mL': { dim: 'mass', scale: 1e6 },
  'mg/L': { dim: 'mass', scale: 1e3 },
  'µg/mL': { dim: 'mass', scale: 1e3 },
  'μg/mL': { dim: 'mass', scale: 1e3 },
  'ug/mL': { dim: 'mass', scale: 1e3 },
  'µg/L': { dim: 'mass', scale: 1 },
  'ng/mL': { dim: 'mass', scale: 1 },
  'ng/L': { dim: 'mass', scale: 1e-3 },
  'pg/mL': { dim: 'mass', scale: 1e-3 },
};

const QUANTITY = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([^\s\d].*?)\s*$/;

export type Conversion = { value: number } | { error: string; hint?: string };

/** Converts "500 nM" into `targetUnit` (e.g. µM → 0.5), or explains why it cannot. */
export function convertQuantity(text: string, targetUnit: string): Conversion {
  const m = QUANTITY.exec(text);
  if (!m) return { error: `'${text}' is not a number or a number with a unit (e.g. 500 nM)` };
  const value = Number(m[1]);
  const unit = m[2];
  if (!Number.isFinite(value)) return { error: `'${text}' is not a finite number`, hint: 'write a finite value, e.g. 500 nM' };
  if (unit === targetUnit) return { value };
  const from = UNITS[unit];
  const to = UNITS[targetUnit];
  // Units of the target's dimension, without the alternative spellings of µ.
  const same = Object.keys(UNITS).filter((u) => to && UNITS[u].dim === to.dim && !/^[μu]/.test(u));
  if (!from) return { error: `unknown unit '${unit}' in '${text}'`, hint: to ? `use ${targetUnit} or one of ${same.join(', ')}` : `use ${targetUnit}` };
  if (!to) return { error: `'${text}' has unit ${unit}, but this value is in ${targetUnit || 'no unit'}`, hint: `write it in ${targetUnit || 'plain numbers'}` };
  if (from.dim !== to.dim) return { error: `wrong unit in '${text}': ${unit} cannot be converted to ${targetUnit}`, hint: `use ${same.join(', ')}` };
  const converted = (value * from.scale) / to.scale;
  if (!Number.isFinite(converted)) return { error: `'${text}' is out of range in ${targetUnit}` };
  return { value: converted };
}
