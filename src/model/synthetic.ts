/**
 * A reproducible synthetic reaction network for benchmarks and compiler tests: a mix of
 * mass-action, Michaelis–Menten, Hill-activated, input-inhibited and piecewise rate laws over a
 * ring of species, so every species is produced and consumed. Not biology: the numbers are
 * arbitrary ("assumed: synthetic"), only the structure matters.
 */
import { defineModel } from './define.ts';
import type { ModelDefinition, ParameterDecl, ReactionDecl, SpeciesDecl } from './types.ts';

/** mulberry32: a tiny deterministic PRNG, so a seed always gives the same network. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticNetwork(options: { species: number; reactions: number; seed?: number }): ModelDefinition {
  const { species: n, reactions: m } = options;
  const rand = seededRandom(options.seed ?? 1);
  const pick = () => Math.floor(rand() * n);
  const species: Record<string, SpeciesDecl> = {};
  for (let i = 0; i < n; i++) species[`X${i}`] = { initial: 0.5 + 2 * rand(), unit: 'µM', description: `synthetic species ${i}`, source: 'assumed: synthetic' };
  const parameters: Record<string, ParameterDecl> = {};
  const param = (id: string, value: number, unit: string) => {
    parameters[id] = { value, unit, source: 'assumed: synthetic' };
    return id;
  };
  const reactions: Record<string, ReactionDecl> = {};
  for (let j = 0; j < m; j++) {
    // The first n reactions form a ring X_i → X_{i+1}, so no species is untouched.
    const a = j < n ? j : pick();
    const b = j < n ? (j + 1) % n : (a + 1 + Math.floor(rand() * (n - 1))) % n;
    const c = pick();
    const A = `X${a}`;
    const B = `X${b}`;
    const C = `X${c}`;
    let rate: string;
    switch (j % 5) {
      case 0:
        rate = `${param(`k${j}`, 0.1 + rand(), '1/h')} * ${A}`;
        break;
      case 1:
        rate = `${param(`V${j}`, 0.5 + rand(), 'µM/h')} * ${A} / (${param(`Km${j}`, 0.2 + rand(), 'µM')} + ${A})`;
        break;
      case 2:
        // Hill coefficients as in published models: mostly small integers, some fractional.
        rate = `${param(`k${j}`, 0.1 + rand(), '1/h')} * ${A} * hill(${C}, ${param(`K${j}`, 0.5 + rand(), 'µM')}, ${param(`n${j}`, [1, 2, 2.5, 4][Math.floor(4 * rand())]!, 'dimensionless')})`;
        break;
      case 3:
        rate = `${param(`k${j}`, 0.05 + rand(), '1/µM/h')} * ${A} * ${C} / (1 + drug / ${param(`Ki${j}`, 0.5 + rand(), 'µM')})`;
        break;
      default:
        rate = `${C} > ${param(`T${j}`, 0.5 + rand(), 'µM')} ? ${param(`k${j}`, 0.1 + rand(), '1/h')} * ${A} : ${param(`kb${j}`, 0.01 + 0.1 * rand(), '1/h')} * min(${A}, ${C})`;
    }
    reactions[`R${j}`] = { rate, stoichiometry: { [A]: -1, [B]: 1 } };
  }
  return defineModel({
    name: `synthetic-${n}x${m}`,
    species,
    parameters,
    inputs: { drug: { unit: 'µM', default: 0.3, description: 'an inhibitor of the bimolecular steps' } },
    reactions,
    observables: { total: { expression: Object.keys(species).join(' + '), unit: 'µM', description: 'sum of all species (conserved)' } },
  }) as ModelDefinition;
}
