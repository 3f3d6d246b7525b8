/**
 * NRF2: KEAP1-controlled turnover, stabilised by lipid peroxides; `f_NRF2` is the transcriptional drive
 * of its targets (SLC7A11, GCLC/M, GPX4, FSP1, FTH1, SLC40A1) (model-notes A.2, E.1).
 */
import type { ParameterDecl, ReactionDecl, RuleDecl, SpeciesDecl } from '../types.ts';

export const nrf2Species = {
  NRF2: { initial: 1, unit: 'r.u.', description: 'NRF2 protein', source: 'assumed baseline 1 (notes A.1)' },
} satisfies Record<string, SpeciesDecl>;

export const nrf2Parameters = {
  k_NRF2_syn: { value: 3.29945776344, unit: 'r.u./h', source: '[D] so that NRF2 = 1 at baseline' },
  k_NRF2_deg: { value: 3, unit: '1/h', source: 'KEAP1-driven turnover, t½ 10–20 min [R] (notes A.2)' },
  k_NRF2_deg_min: { value: 0.3, unit: '1/h', source: 'assumed: residual KEAP1-independent NRF2 turnover (β-TrCP), caps stabilisation at about 10×' },
  K_NRF2_ox: { value: 0.07, unit: 'µM', source: 'assumed: NRF2 rises about 3× at PLOOH ≈ 0.1 µM (notes A.2)' },
  a_NRF2: { value: 3, unit: 'dimensionless', source: 'assumed: maximal fold gain of NRF2 target transcription minus 1' },
  K_NRF2: { value: 2, unit: 'r.u.', source: 'assumed: half-saturating NRF2 for target genes' },
  NRF2_expression: { value: 1, unit: 'dimensionless', source: 'gene-expression multiplier (model-notes vocabulary): 1 wild type, 0 knockout, 0.2 knockdown, 3 overexpression', description: 'multiplies NRF2 synthesis (KEAP1 loss is above 1)' },
} satisfies Record<string, ParameterDecl>;

export const nrf2Rules = {
  f_NRF2: { expression: '1 + a_NRF2 * NRF2 / (K_NRF2 + NRF2)', unit: 'dimensionless', description: 'NRF2 drive of its targets (SLC7A11, GCLC/M, GPX4, FSP1, FTH1, SLC40A1)' },
} satisfies Record<string, RuleDecl>;

export const nrf2Reactions = {
  NRF2_synthesis: { rate: 'k_NRF2_syn * NRF2_expression', stoichiometry: { NRF2: 1 } },
  NRF2_degradation: { rate: '(k_NRF2_deg / (1 + (PLOOH / K_NRF2_ox)^2) + k_NRF2_deg_min) * NRF2', stoichiometry: { NRF2: -1 }, description: 'KEAP1 inactivated by lipid peroxides/electrophiles' },
} satisfies Record<string, ReactionDecl>;
