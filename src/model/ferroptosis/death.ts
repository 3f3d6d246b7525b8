/**
 * Membrane damage and cell death: damage accrues once PLOOH exceeds a threshold and is repaired
 * slowly; viability falls steeply once damage passes 1 (model-notes A.2).
 */
import type { ParameterDecl, ReactionDecl, RuleDecl, SpeciesDecl } from '../types.ts';

export const deathSpecies = {
  damage: { initial: 2.36322615584e-14, unit: 'dimensionless', description: 'membrane damage', source: 'assumed (notes A.1)' },
  viability: { initial: 1, unit: 'fraction', description: 'fraction of cells alive', source: 'assumed (notes A.1)' },
} satisfies Record<string, SpeciesDecl>;

export const deathParameters = {
  theta_PLOOH: { value: 0.5, unit: 'µM', source: 'notes A.2 θ 0.5 µM [A], tuned to lipid ROS 3–4 h before death (Kim 2016 [V] target)' },
  k_damage: { value: 0.2, unit: '1/µM/h', source: 'assumed: notes A.2 k_D 0.5 [A] lowered to 0.2 so that lipid ROS rises hours before death (Kim 2016 [V]: 3–4 h)' },
  k_repair: { value: 0.1, unit: '1/h', source: 'assumed: ESCRT-III membrane repair (Pedrera 2021 [R]); makes the baseline a true steady state' },
  k_death: { value: 2, unit: '1/h', source: 'notes A.2 k_death 2 h⁻¹ [A]' },
} satisfies Record<string, ParameterDecl>;

export const deathRules = {
} satisfies Record<string, RuleDecl>;

export const deathReactions = {
  damage_accrual: { rate: 'k_damage * PLOOH * (PLOOH / theta_PLOOH)^4 / (1 + (PLOOH / theta_PLOOH)^4)', stoichiometry: { damage: 1 }, description: 'smooth threshold at θ' },
  damage_repair: { rate: 'k_repair * damage', stoichiometry: { damage: -1 } },
  cell_death: { rate: 'k_death * viability * damage^4 / (1 + damage^4)', stoichiometry: { viability: -1 } },
} satisfies Record<string, ReactionDecl>;
