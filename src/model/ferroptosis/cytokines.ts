/**
 * Cytokine signalling: IFN-γ → JAK1/2 → STAT1 (SOCS1 feedback) → IRF1; IL-6 → gp130/JAK → STAT3
 * (SOCS3 feedback); TNF → IKK → NF-κB (IκBα feedback). Antibodies act on the free ligand, ruxolitinib on JAK.
 * Time constants from Yamada 2003 and Singh 2006 (model-notes A.2, F.5).
 */
import type { ParameterDecl, ReactionDecl, RuleDecl, SpeciesDecl } from '../types.ts';

export const cytokinesSpecies = {
  pSTAT1: { initial: 0.01, unit: 'fraction', description: 'phosphorylated STAT1', source: 'assumed: low tonic activity (notes A.1 row 1)' },
  SOCS1: { initial: 0.05, unit: 'r.u.', description: 'SOCS1 protein', source: 'assumed baseline 0.05 (notes A.1); feedback structure after Yamada 2003 [V]' },
  IRF1: { initial: 0.05, unit: 'r.u.', description: 'IRF1 protein', source: 'assumed: short-lived transcription factor (notes A.1)' },
  pSTAT3: { initial: 0.02, unit: 'fraction', description: 'phosphorylated STAT3', source: 'assumed (notes A.1)' },
  SOCS3: { initial: 0.05, unit: 'r.u.', description: 'SOCS3 protein', source: 'assumed baseline; structure after Singh 2006 [V]' },
  NFkB: { initial: 0.05, unit: 'fraction', description: 'nuclear NF-κB', source: 'assumed (notes A.1)' },
  IkBa: { initial: 1, unit: 'r.u.', description: 'IκBα (+A20 lumped)', source: 'assumed (notes A.1)' },
} satisfies Record<string, SpeciesDecl>;

export const cytokinesParameters = {
  K_IFNG: { value: 0.5, unit: 'ng/mL', source: 'assumed: half-maximal IFN-γ receptor occupancy within 0.1–1 ng/mL (notes A.2)' },
  IC50_rux: { value: 0.1, unit: 'µM', source: 'Ruxolitinib cellular pSTAT IC50 0.1–0.3 µM [R] (notes A.2, D); low end because 1 µM blocks JAK signalling in cells' },
  k_STAT1_act: { value: 8, unit: '1/h', source: 'assumed: k_a1 5–10 h⁻¹ (notes A.2)' },
  k_STAT1_dephos: { value: 10, unit: '1/h', source: 'Yamada 2003 dephosphorylation 11–18 h⁻¹ [V]; notes range 3–15 h⁻¹' },
  K_SOCS1: { value: 0.2, unit: 'r.u.', source: 'assumed: K_S1 0.2 (notes A.2)' },
  occ0_IFNG: { value: 0.0157828282828, unit: 'fraction', source: '[D] tonic receptor signal so that pSTAT1 = 0.01 at baseline' },
  k_SOCS1_syn: { value: 9, unit: 'r.u./h', source: '[D] so that SOCS1 = 0.05 at pSTAT1 = 0.01' },
  k_SOCS_deg: { value: 1.8, unit: '1/h', source: 'Yamada 2003 / Singh 2006 SOCS mRNA and protein degradation 5e-4 s⁻¹ [V]' },
  k_IRF1_syn: { value: 7, unit: 'r.u./h', source: '[D] so that IRF1 = 0.05 at pSTAT1 = 0.01' },
  k_IRF1_deg: { value: 1.4, unit: '1/h', source: 'IRF1 half-life about 30 min [R] (notes A.2)' },
  K_IL6: { value: 2, unit: 'ng/mL', source: 'assumed: K_6 1–10 ng/mL (notes A.2)' },
  K_TCZ: { value: 0.37, unit: 'µg/mL', source: 'tocilizumab–IL-6R K_D ≈ 2.5 nM [R] (1 µg/mL ≈ 6.8 nM); competitive block of IL-6' },
  k_STAT3_act: { value: 8, unit: '1/h', source: 'assumed, same form as STAT1 (notes A.2); peak at 15–30 min [R]' },
  k_STAT3_dephos: { value: 10, unit: '1/h', source: 'assumed, as STAT1 (Yamada core constants, Singh 2006 [V])' },
  K_SOCS3: { value: 0.2, unit: 'r.u.', source: 'assumed, as K_SOCS1' },
  occ0_IL6: { value: 0.031887755102, unit: 'fraction', source: '[D] tonic signal so that pSTAT3 = 0.02 at baseline' },
  k_SOCS3_syn: { value: 4.5, unit: 'r.u./h', source: '[D] so that SOCS3 = 0.05 at pSTAT3 = 0.02' },
  K_TNF: { value: 0.5, unit: 'ng/mL', source: 'assumed: half-maximal TNF receptor occupancy' },
  K_antiTNF: { value: 0.05, unit: 'µg/mL', source: 'assumed: anti-TNF antibodies neutralise sub-nM TNF at ≥1 µg/mL (Wu 2022 used 1–10 µg/mL [V])' },
  k_NFkB_act: { value: 10, unit: '1/h', source: 'assumed: nuclear NF-κB peak at 15–30 min [R]' },
  k_NFkB_exp: { value: 3, unit: '1/h', source: 'assumed: nuclear export/inactivation, t½ about 15 min' },
  K_IkBa: { value: 0.2, unit: 'r.u.', source: 'assumed' },
  occ0_TNF: { value: 0.0947368421053, unit: 'fraction', source: '[D] tonic signal so that NFkB = 0.05 at baseline' },
  k_IkBa_syn0: { value: 0.5, unit: 'r.u./h', source: '[D] so that IkBa = 1 at baseline' },
  k_IkBa_ind: { value: 10, unit: 'r.u./h', source: 'assumed: strong NF-κB-driven IκBα/A20 resynthesis (Hoffmann 2002 structure [R])' },
  k_IkBa_deg: { value: 1, unit: '1/h', source: 'assumed: basal IκBα turnover' },
  c_IKK: { value: 5, unit: 'dimensionless', source: 'assumed: TNF-activated IKK speeds IκBα degradation to minutes (5–15 min [R])' },
} satisfies Record<string, ParameterDecl>;

export const cytokinesRules = {
  jak: { expression: '1 / (1 + ruxolitinib / IC50_rux)^2', unit: 'fraction', description: 'receptor-complex JAK activity left by ruxolitinib; IFNGR needs both JAK1 and JAK2, both inhibited' },
  occ_IFNG: { expression: 'IFNG / (IFNG + K_IFNG)', unit: 'fraction', description: 'IFN-γ receptor occupancy' },
  IL6_free: { expression: 'IL6 / (1 + tocilizumab / K_TCZ)', unit: 'ng/mL', description: 'IL-6 not blocked by tocilizumab at IL-6R' },
  occ_IL6: { expression: 'IL6_free / (IL6_free + K_IL6)', unit: 'fraction', description: 'IL-6 receptor occupancy' },
  TNF_free: { expression: 'TNF / (1 + antiTNF / K_antiTNF)', unit: 'ng/mL', description: 'TNF not neutralised by anti-TNF' },
  occ_TNF: { expression: 'TNF_free / (TNF_free + K_TNF)', unit: 'fraction', description: 'TNF receptor occupancy' },
} satisfies Record<string, RuleDecl>;

export const cytokinesReactions = {
  STAT1_activation: { rate: 'k_STAT1_act * jak * (occ_IFNG + occ0_IFNG) * (1 - pSTAT1) / (1 + SOCS1 / K_SOCS1)', stoichiometry: { pSTAT1: 1 }, description: 'IFNGR/JAK phosphorylates STAT1, inhibited by SOCS1' },
  STAT1_dephosphorylation: { rate: 'k_STAT1_dephos * pSTAT1', stoichiometry: { pSTAT1: -1 } },
  SOCS1_synthesis: { rate: 'k_SOCS1_syn * pSTAT1', stoichiometry: { SOCS1: 1 }, description: 'STAT1 target' },
  SOCS1_degradation: { rate: 'k_SOCS_deg * SOCS1', stoichiometry: { SOCS1: -1 } },
  IRF1_synthesis: { rate: 'k_IRF1_syn * pSTAT1', stoichiometry: { IRF1: 1 }, description: 'STAT1 target' },
  IRF1_degradation: { rate: 'k_IRF1_deg * IRF1', stoichiometry: { IRF1: -1 } },
  STAT3_activation: { rate: 'k_STAT3_act * jak * (occ_IL6 + occ0_IL6) * (1 - pSTAT3) / (1 + SOCS3 / K_SOCS3)', stoichiometry: { pSTAT3: 1 }, description: 'gp130/JAK phosphorylates STAT3, inhibited by SOCS3' },
  STAT3_dephosphorylation: { rate: 'k_STAT3_dephos * pSTAT3', stoichiometry: { pSTAT3: -1 } },
  SOCS3_synthesis: { rate: 'k_SOCS3_syn * pSTAT3', stoichiometry: { SOCS3: 1 }, description: 'STAT3 target' },
  SOCS3_degradation: { rate: 'k_SOCS_deg * SOCS3', stoichiometry: { SOCS3: -1 } },
  NFkB_activation: { rate: 'k_NFkB_act * (occ_TNF + occ0_TNF) * (1 - NFkB) / (1 + IkBa / K_IkBa)', stoichiometry: { NFkB: 1 }, description: 'TNFR1/IKK releases NF-κB to the nucleus, held back by IκBα' },
  NFkB_export: { rate: 'k_NFkB_exp * NFkB', stoichiometry: { NFkB: -1 } },
  IkBa_synthesis: { rate: 'k_IkBa_syn0 + k_IkBa_ind * NFkB', stoichiometry: { IkBa: 1 }, description: 'NF-κB target (negative feedback)' },
  IkBa_degradation: { rate: 'k_IkBa_deg * (1 + c_IKK * occ_TNF) * IkBa', stoichiometry: { IkBa: -1 }, description: 'IKK-driven degradation under TNF' },
} satisfies Record<string, ReactionDecl>;
