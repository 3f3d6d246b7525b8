/**
 * Iron: IRP/TfR1 sensing (Mitchell 2013), the labile iron pool, ferritin storage and NCOA4
 * ferritinophagy, ferroportin export with hepcidin (endogenous, STAT3-driven, and exogenous), FAC as
 * non-transferrin-bound iron, and deferoxamine with slow uptake (model-notes A.2, F.4).
 */
import type { ParameterDecl, ReactionDecl, RuleDecl, SpeciesDecl } from '../types.ts';

export const ironSpecies = {
  TfR1: { initial: 1, unit: 'r.u.', description: 'transferrin receptor 1', source: 'Mitchell 2013 [V], baseline 1 r.u.' },
  IRP: { initial: 1, unit: 'r.u.', description: 'IRP activity', source: 'Mitchell 2013 [V], baseline 1 r.u.' },
  LIP: { initial: 1, unit: 'µM', description: 'labile Fe²⁺ pool', source: 'K562 0.35 µM, Mitchell 1.3 µM [V]; 1 µM chosen' },
  FT: { initial: 0.02, unit: 'µM', description: 'ferritin cages', source: '[D]/assumed: 0.01–0.1 µM (notes A.1)' },
  FtFe: { initial: 20, unit: 'µM', description: 'iron stored in ferritin', source: '[V]/assumed: 10–50 µM, about 1000 Fe per cage' },
  FPN: { initial: 1, unit: 'r.u.', description: 'ferroportin', source: 'Enculescu 2017 [V], baseline 1 r.u.' },
  HAMP: { initial: 1, unit: 'nM', description: 'hepcidin in the cell environment', source: 'assumed 0–5 nM (notes A.1) [R]/[A]' },
  DFO_in: { initial: 0, unit: 'µM', description: 'intracellular free deferoxamine', source: 'assumed (notes A.1)' },
} satisfies Record<string, SpeciesDecl>;

export const ironParameters = {
  k_IRP_syn: { value: 0.115, unit: 'r.u./h', source: '[D] so that IRP = 1 at LIP = 1 µM' },
  K_IRP_LIP: { value: 1, unit: 'µM', source: 'Mitchell 2013 IRP synthesis a·(1 − LIP/(1 µM + LIP)) [V]' },
  k_IRP_deg: { value: 0.0575, unit: '1/h', source: 'Mitchell 2013, IRP t½ 12 h [V]' },
  k_TfR1_syn: { value: 0.06, unit: 'r.u./h', source: '[D] so that TfR1 = 1 at baseline' },
  K_IRP: { value: 1, unit: 'r.u.', source: 'Mitchell 2013 IRP/(1 + IRP) forms [V]' },
  k_TfR1_deg: { value: 0.03, unit: '1/h', source: 'Mitchell 2013, TfR1 t½ 23 h [V]' },
  V_TfFe: { value: 2.66266, unit: 'µM/h/r.u.', source: '[D] so that LIP = 1 µM at baseline' },
  TfFe: { value: 5, unit: 'µM', source: 'Mitchell 2013 Tf-Fe 5 µM [V]' },
  K_TfFe: { value: 0.005, unit: 'µM', source: 'Tf–TfR1 affinity of a few nM [R]' },
  k_NTBI: { value: 0.01, unit: '1/h', source: 'assumed: FAC 300 µM Fe adds about twice the basal iron influx, LIP up within 1 h (notes D)' },
  k_export: { value: 1.44, unit: 'µM/h/r.u.', source: 'assumed: ferroportin export is about 20% of iron outflow at baseline' },
  K_export: { value: 3, unit: 'µM', source: 'Mitchell 2013 export Km 3 µM [V]' },
  k_Fe_use: { value: 1.44, unit: '1/h', source: 'Mitchell 2013 LIP utilisation 4e-4 s⁻¹ [V]' },
  k_store: { value: 127.730769231, unit: '1/µM/h', source: '[D] so that FtFe = 20 µM at baseline; buffering τ ≈ 0.3 h, K562 recovery 17–88 min [V]' },
  Fe_per_cage: { value: 4500, unit: 'dimensionless', source: 'Salgado 2010 ferritin capacity [V]' },
  k_FT_syn: { value: 0.00157243589744, unit: 'µM/h', source: '[D] so that FT = 0.02 µM at baseline' },
  k_FT_deg: { value: 0.043, unit: '1/h', source: 'Mitchell 2013 ferritin t½ 16 h [V]; iron leaves the cell with it (secretion) [A]' },
  gamma_FT: { value: 4, unit: 'dimensionless', source: 'assumed: NF-κB → FTH1 (Pham 2004 [R]), about 1.5× at sustained TNF' },
  k_NCOA4: { value: 0.05, unit: '1/h', source: 'assumed: basal ferritinophagy 0.05 h⁻¹ (notes A.2; Gao 2016 [V] qualitative)' },
  a_starv: { value: 0.7, unit: 'dimensionless', source: 'assumed: ferritinophagy 2–5× under cysteine starvation/erastin (notes A.2; Gao 2016, Hou 2016)' },
  K_starv: { value: 10, unit: 'µM', source: 'assumed: cysteine level below which autophagy is induced' },
  k_Fe_red: { value: 0.005, unit: '1/h', source: 'assumed: small reductive release from ferritin (notes A.2)' },
  k_FPN_syn: { value: 0.0644764342077, unit: 'r.u./h', source: '[D] so that FPN = 1 at baseline' },
  a_FPN_STAT3: { value: 1, unit: 'dimensionless', source: 'assumed: IL-6 halves FPN mRNA in tumour cells; Enculescu 2017 hepatic 30.7 [V] is not used (liver in vivo)' },
  K_FPN_STAT3: { value: 0.1, unit: 'fraction', source: 'assumed' },
  k_FPN_deg: { value: 0.055, unit: '1/h', source: 'Enculescu 2017 basal FPN t½ 12.5 h [V]' },
  k_FPN_hep: { value: 0.83, unit: '1/h', source: 'Mitchell 2013 hepcidin-induced FPN degradation 2.315e-4 s⁻¹ [V]' },
  K_hep: { value: 5, unit: 'nM', source: 'Mitchell 2013 Hill K 5 nM, n = 5 [V]' },
  k_HAMP_syn: { value: 0.52, unit: 'nM/h', source: '[D] so that HAMP = 1 nM at baseline' },
  beta_HAMP: { value: 9, unit: 'dimensionless', source: 'assumed: IL-6 induces hepcidin about 5–7.5× (Nemeth 2004 [R]; notes A.2 β₃ ≈ 6.5 with a hyperbolic form); STAT3 binds the HAMP promoter as a dimer' },
  K_HAMP_STAT3: { value: 0.1, unit: 'fraction', source: 'assumed' },
  k_HAMP_deg: { value: 0.5, unit: '1/h', source: 'assumed: lower than in vivo 2 h⁻¹ [V] in a closed culture (notes A.2)' },
  k_HAMP_FPN: { value: 0.2, unit: '1/h/r.u.', source: 'assumed: hepcidin co-degraded with FPN (Nemeth 2004, Preza 2013 [V])' },
  k_DFO_in: { value: 0.05, unit: '1/h', source: 'assumed: slow endocytic uptake, onset 2–6 h (notes A.2, D)' },
  k_DFO_out: { value: 0.3, unit: '1/h', source: 'assumed: loss/efflux of intracellular DFO, τ ≈ 3 h' },
  k_chel: { value: 1, unit: '1/µM/h', source: 'assumed: effective chelation of labile iron by DFO' },
  NCOA4_expression: { value: 1, unit: 'dimensionless', source: 'gene-expression multiplier (model-notes vocabulary): 1 wild type, 0 knockout, 0.2 knockdown, 3 overexpression', description: 'multiplies ferritinophagy' },
  FTH1_expression: { value: 1, unit: 'dimensionless', source: 'gene-expression multiplier (model-notes vocabulary): 1 wild type, 0 knockout, 0.2 knockdown, 3 overexpression', description: 'multiplies ferritin synthesis' },
} satisfies Record<string, ParameterDecl>;

export const ironRules = {
  k_NCOA4_eff: { expression: 'k_NCOA4 * NCOA4_expression * (1 + a_starv / (1 + (Cys / K_starv)^2))', unit: '1/h', description: 'ferritinophagy rate, raised by cysteine starvation' },
  J_Fe_up: { expression: 'V_TfFe * TfR1 * TfFe / (K_TfFe + TfFe) + k_NTBI * FAC', unit: 'µM/h', description: 'iron uptake: transferrin cycle plus non-transferrin-bound iron (FAC)' },
  J_Fe_ex: { expression: 'k_export * FPN * LIP / (K_export + LIP)', unit: 'µM/h', description: 'ferroportin export' },
  hep_total: { expression: 'HAMP + hepcidin', unit: 'nM', description: 'endogenous plus exogenous hepcidin at FPN' },
  IRE_repression: { expression: 'K_IRP / (K_IRP + IRP)', unit: 'dimensionless', description: 'translation left by IRP binding to 5′ IREs (ferritin, FPN)' },
} satisfies Record<string, RuleDecl>;

export const ironReactions = {
  IRP_synthesis: { rate: 'k_IRP_syn / (1 + LIP / K_IRP_LIP)', stoichiometry: { IRP: 1 }, description: 'iron-sensitive IRP activity (Mitchell 2013)' },
  IRP_degradation: { rate: 'k_IRP_deg * IRP', stoichiometry: { IRP: -1 } },
  TfR1_synthesis: { rate: 'k_TfR1_syn * IRP / (K_IRP + IRP)', stoichiometry: { TfR1: 1 }, description: 'IRP stabilises TfR1 mRNA' },
  TfR1_degradation: { rate: 'k_TfR1_deg * TfR1', stoichiometry: { TfR1: -1 } },
  iron_uptake: { rate: 'J_Fe_up', stoichiometry: { LIP: 1 } },
  iron_export: { rate: 'J_Fe_ex', stoichiometry: { LIP: -1 } },
  iron_utilisation: { rate: 'k_Fe_use * LIP', stoichiometry: { LIP: -1 }, description: 'heme, Fe–S clusters, mitochondria' },
  iron_storage: { rate: 'k_store * LIP * (FT - FtFe / Fe_per_cage)', stoichiometry: { LIP: -1, FtFe: 1 }, description: 'loading into free ferritin capacity' },
  ferritinophagy_release: { rate: '(k_NCOA4_eff + k_Fe_red) * FtFe', stoichiometry: { FtFe: -1, LIP: 1 }, description: 'NCOA4 delivers ferritin to lysosomes; its iron returns to the LIP' },
  ferritin_iron_turnover: { rate: 'k_FT_deg * FtFe', stoichiometry: { FtFe: -1 }, description: 'basal ferritin turnover/secretion takes its iron out of the cell' },
  ferritin_synthesis: { rate: 'k_FT_syn * FTH1_expression * IRE_repression * (1 + gamma_FT * NFkB) * f_NRF2', stoichiometry: { FT: 1 } },
  ferritin_degradation: { rate: '(k_FT_deg + k_NCOA4_eff) * FT', stoichiometry: { FT: -1 } },
  FPN_synthesis: { rate: 'k_FPN_syn * IRE_repression * f_NRF2 / (1 + a_FPN_STAT3 * pSTAT3 / (K_FPN_STAT3 + pSTAT3))', stoichiometry: { FPN: 1 }, description: 'IRE translation control, NRF2 (SLC40A1), IL-6/STAT3 mRNA repression (Enculescu 2017)' },
  FPN_degradation: { rate: '(k_FPN_deg + k_FPN_hep * (hep_total / K_hep)^5 / (1 + (hep_total / K_hep)^5)) * FPN', stoichiometry: { FPN: -1 }, description: 'basal and hepcidin-induced' },
  hepcidin_synthesis: { rate: 'k_HAMP_syn * (1 + beta_HAMP * (pSTAT3 / K_HAMP_STAT3)^2 / (1 + (pSTAT3 / K_HAMP_STAT3)^2))', stoichiometry: { HAMP: 1 }, description: 'STAT3 drives HAMP' },
  hepcidin_clearance: { rate: '(k_HAMP_deg + k_HAMP_FPN * FPN) * HAMP', stoichiometry: { HAMP: -1 } },
  DFO_uptake: { rate: 'k_DFO_in * DFO', stoichiometry: { DFO_in: 1 } },
  DFO_loss: { rate: 'k_DFO_out * DFO_in', stoichiometry: { DFO_in: -1 } },
  iron_chelation: { rate: 'k_chel * DFO_in * LIP', stoichiometry: { DFO_in: -1, LIP: -1 } },
} satisfies Record<string, ReactionDecl>;
