/**
 * Lipid peroxidation: PUFA-PL supply (ACSL4, LPCAT3, SCD1, arachidonic acid; living cells only), PLOOH with
 * Fe-driven autocatalysis, removal by GPX4, and radical-trapping antioxidants (FSP1/CoQ, GCH1/BH4,
 * ferrostatin-1, liproxstatin-1) in the chain factor `phi` (model-notes A.2). Radicals are not states:
 * they are folded into the chain factor and the effective rate constants (notes A.4).
 */
import type { ParameterDecl, ReactionDecl, RuleDecl, SpeciesDecl } from '../types.ts';

export const lipidPeroxidationSpecies = {
  FSP1: { initial: 1, unit: 'r.u.', description: 'FSP1 (AIFM2)', source: 'assumed baseline 1' },
  RTA: { initial: 5, unit: 'µM', description: 'reduced radical-trapping antioxidants (CoQH₂, α-TOH, BH4)', source: 'assumed 5 µM (notes A.1)' },
  ACSL4: { initial: 1, unit: 'r.u.', description: 'ACSL4', source: 'assumed baseline 1' },
  PUFA: { initial: 0.15, unit: 'fraction', description: 'PUFA-PL fraction of acyl chains', source: 'assumed 0.15 of a 3000 µM pool (notes A.1)' },
  PLOOH: { initial: 0.000941176470588, unit: 'µM', description: 'phospholipid hydroperoxides', source: 'assumed: set by the low steady state (notes A.1)' },
} satisfies Record<string, SpeciesDecl>;

export const lipidPeroxidationParameters = {
  k_FSP1_syn: { value: 0.015, unit: 'r.u./h', source: '[D] so that FSP1 = 1 at baseline' },
  k_FSP1_deg: { value: 0.03, unit: '1/h', source: 'notes A.2 [A]' },
  RTA_total: { value: 50, unit: 'µM', source: 'assumed: membrane CoQ10 + α-tocopherol + BH4 pool of tens of µM' },
  k_RTA_FSP1: { value: 0.07, unit: '1/h/r.u.', source: 'assumed: FSP1 reduces CoQ with NAD(P)H (Doll 2019, Bersuker 2019 [V])' },
  k_RTA_BH4: { value: 0.03, unit: '1/h', source: 'assumed: GCH1/BH4 share of antioxidant regeneration (Kraft 2020 [V])' },
  k_RTA_ox: { value: 0.897458823529, unit: '1/h', source: '[D] so that RTA = 5 µM at baseline' },
  K_iFSP1: { value: 0.1, unit: 'µM', source: 'iFSP1 IC50 about 0.1 µM (Doll 2019 [R])' },
  k_ACSL4_syn: { value: 0.0460829493088, unit: 'r.u./h', source: '[D] so that ACSL4 = 1 at baseline' },
  alpha_ACSL4: { value: 1.7, unit: '1/r.u.', source: 'assumed: IFN-γ/IRF1 induces ACSL4 about 2× (Liao 2022 [V] qualitative)' },
  k_ACSL4_deg: { value: 0.05, unit: '1/h', source: 'notes A.2 [A]' },
  k_PUFA_inc: { value: 0.0166820043573, unit: '1/h/r.u.', source: '[D] so that PUFA = 0.15 at baseline' },
  PUFA_max: { value: 0.6, unit: 'fraction', source: 'assumed: ceiling of PUFA acyl-chain fraction' },
  K_AA: { value: 1.5, unit: 'µM', source: 'assumed: low-µM AA (Liao 2022 [V]: 1–10 µM) strongly raises oxidisable PUFA-PL; AA is about 3× as oxidisable as linoleate (kp 197 vs 62 M⁻¹s⁻¹, Xu 2009 [R])' },
  a_SCD1: { value: 1, unit: 'dimensionless', source: 'assumed: SCD1/MUFA competes with PUFA for incorporation (Konstorum 2020 [V] structure)' },
  k_PUFA_rem: { value: 0.05, unit: '1/h', source: 'notes A.2: remodelling over days [A]' },
  PL_pool: { value: 3000, unit: 'µM', source: 'notes A.1 [A]' },
  PUFA_ref: { value: 0.15, unit: 'fraction', source: 'notes A.3 p₀ = 0.15 [A]: reference PUFA fraction the Core-0 rates refer to' },
  r0_init: { value: 0.0176, unit: '1/h', source: '[D] Core-0 r₀ = 0.016 µM/h at LIP 1 µM, scaled for baseline SOD2' },
  gamma_SOD2: { value: 2, unit: '1/fraction', source: 'assumed: NF-κB → SOD2 lowers initiation (notes E.1 [R])' },
  g0_chain: { value: 10, unit: '1/µM/h', source: 'Core-0 g₀ 10 h⁻¹ at LIP 1 µM [A]' },
  K_RTA: { value: 5, unit: 'µM', source: 'Core-0 K_R = R₀ [A]' },
  K_fer1: { value: 0.0075, unit: 'µM', source: '[D] Core-0 fit to the Fer-1 EC50 of 60 nM (Dixon 2012 [R])' },
  K_lip1: { value: 0.00275, unit: 'µM', source: '[D] K_fer1 scaled to the Lip-1 EC50 of 22 nM (Friedmann Angeli 2014 [R])' },
  k_PLOOH_other: { value: 2, unit: '1/h', source: 'assumed: non-GPX4 removal (iPLA2β, PRDX6, turnover); Core-0 used 1 h⁻¹, 2 h⁻¹ slows the runaway after GPX4 loss so that lipid ROS precedes RSL3 death by ≥2 h (Kim 2016 [V] target)' },
  k_GPX4_cat: { value: 478.431372549, unit: '1/µM/h', source: '[D] so that GPX4 removes PLOOH at 20 h⁻¹ at baseline' },
  K_GPX4_thiol: { value: 1000, unit: 'µM', source: 'Core-0 K_G 1 mM (effective) [A]' },
  theta_Cys: { value: 2, unit: 'dimensionless', source: 'Core-0 θ_c [A]: non-GSH thiol use by GPX4 (Maiorino/Ursini [V])' },
  ACSL4_expression: { value: 1, unit: 'dimensionless', source: 'gene-expression multiplier (model-notes vocabulary): 1 wild type, 0 knockout, 0.2 knockdown, 3 overexpression', description: 'multiplies ACSL4 synthesis' },
  SCD1_expression: { value: 1, unit: 'dimensionless', source: 'gene-expression multiplier (model-notes vocabulary): 1 wild type, 0 knockout, 0.2 knockdown, 3 overexpression', description: 'multiplies SCD1/MUFA competition with PUFA incorporation' },
  LPCAT3_expression: { value: 1, unit: 'dimensionless', source: 'gene-expression multiplier (model-notes vocabulary): 1 wild type, 0 knockout, 0.2 knockdown, 3 overexpression', description: 'multiplies PUFA-PL incorporation' },
  FSP1_expression: { value: 1, unit: 'dimensionless', source: 'gene-expression multiplier (model-notes vocabulary): 1 wild type, 0 knockout, 0.2 knockdown, 3 overexpression', description: 'multiplies FSP1 synthesis' },
  GCH1_expression: { value: 1, unit: 'dimensionless', source: 'gene-expression multiplier (model-notes vocabulary): 1 wild type, 0 knockout, 0.2 knockdown, 3 overexpression', description: 'multiplies BH4 regeneration of radical-trapping antioxidants' },
} satisfies Record<string, ParameterDecl>;

export const lipidPeroxidationRules = {
  phi: { expression: '1 / (1 + RTA / K_RTA + fer1 / K_fer1 + lip1 / K_lip1)', unit: 'fraction', description: 'chain propagation left by radical-trapping antioxidants' },
  J_init: { expression: 'r0_init / (1 + gamma_SOD2 * NFkB) * LIP * PUFA / PUFA_ref', unit: 'µM/h', description: 'chain initiation (Fenton, LOX), lowered by SOD2' },
  J_prop: { expression: 'g0_chain * LIP * PLOOH * PUFA / PUFA_ref * phi', unit: 'µM/h', description: 'Fe-driven PLOOH decomposition starting new chains (autocatalysis)' },
  R_thiol: { expression: 'GSH + theta_Cys * Cys', unit: 'µM', description: 'thiol supply of GPX4' },
  v_GPX4: { expression: 'k_GPX4_cat * GPX4 * PLOOH * R_thiol / (K_GPX4_thiol + R_thiol)', unit: 'µM/h', description: 'GPX4 reduction of PLOOH' },
  J_trap: { expression: '(J_init + g0_chain * LIP * PLOOH * PUFA / PUFA_ref) * RTA / K_RTA * phi', unit: 'µM/h', description: 'radicals trapped by (and consuming) RTA' },
} satisfies Record<string, RuleDecl>;

export const lipidPeroxidationReactions = {
  FSP1_synthesis: { rate: 'k_FSP1_syn * FSP1_expression * f_NRF2', stoichiometry: { FSP1: 1 } },
  FSP1_degradation: { rate: 'k_FSP1_deg * FSP1', stoichiometry: { FSP1: -1 } },
  RTA_regeneration: { rate: '(k_RTA_FSP1 * FSP1 / (1 + iFSP1 / K_iFSP1) + k_RTA_BH4 * GCH1_expression) * (RTA_total - RTA)', stoichiometry: { RTA: 1 }, description: 'FSP1 reduces CoQ; GCH1 makes BH4' },
  RTA_oxidation: { rate: 'k_RTA_ox * RTA', stoichiometry: { RTA: -1 }, description: 'basal oxidation' },
  RTA_trapping: { rate: 'J_trap', stoichiometry: { RTA: -1 } },
  ACSL4_synthesis: { rate: 'k_ACSL4_syn * ACSL4_expression * (1 + alpha_ACSL4 * IRF1)', stoichiometry: { ACSL4: 1 }, description: 'IRF1 induces ACSL4' },
  ACSL4_degradation: { rate: 'k_ACSL4_deg * ACSL4', stoichiometry: { ACSL4: -1 } },
  // Assumed [A]: only living cells re-acylate. ACSL4 makes PUFA-CoA from ATP and CoA, and LPCAT3 works
  // in intact ER membranes [R]; a ferroptotic cell has lost both. The states are averages over the
  // population and `viability` is its living fraction, so the average flux is the living fraction's.
  // Without this factor dead cells kept re-incorporating PUFA, and their PLOOH re-ignited every ~17 h
  // after death (relaxation oscillations with no biology, 60% of the solver steps of a 72-h erastin
  // run). Protein and GSH synthesis are left ungated: their post-death values do not feed back on
  // death, and the read-outs GSH (notes B1) and GPX4 (B22) stand for the cells' own content.
  PUFA_incorporation: { rate: 'k_PUFA_inc * ACSL4 * LPCAT3_expression * (1 + AA / K_AA) * (PUFA_max - PUFA) * (1 + a_SCD1) / (1 + a_SCD1 * SCD1_expression) * viability', stoichiometry: { PUFA: 1 }, description: 'ACSL4/LPCAT3, AA supply, MUFA competition; living cells only (needs ATP/CoA)' },
  PUFA_remodelling: { rate: 'k_PUFA_rem * PUFA', stoichiometry: { PUFA: -1 } },
  PUFA_peroxidation: { rate: '(J_init + J_prop) / PL_pool', stoichiometry: { PUFA: -1 }, description: 'PUFA chains consumed by peroxidation' },
  PLOOH_initiation: { rate: 'J_init', stoichiometry: { PLOOH: 1 } },
  PLOOH_propagation: { rate: 'J_prop', stoichiometry: { PLOOH: 1 } },
  PLOOH_GPX4_reduction: { rate: 'v_GPX4', stoichiometry: { PLOOH: -1, GSH: -2, GSSG: 1 } },
  PLOOH_other_removal: { rate: 'k_PLOOH_other * PLOOH', stoichiometry: { PLOOH: -1 } },
} satisfies Record<string, ReactionDecl>;
