/**
 * Observables: the three read-outs normalised to the untreated steady state. `viability` (in the
 * vocabulary's observable list) is the species itself: ids are unique across sections, and every
 * output can name a species.
 *
 * The normalisers (`PLOOH_ss`, `GSH_ss`, `LIP_ss`) are parameters holding the default model's
 * untreated steady-state values. They are exact because the model is calibrated so that its declared
 * initial values are that steady state: every synthesis constant tagged [D] closes its species'
 * balance at the baseline value in model-notes A.1, and PLOOH, medium cystine and damage take the
 * values of the resulting steady state (test/ferroptosis/baseline.test.ts checks both). For a
 * modified cell (knockout, overexpression) they still refer to the default cell; override them to
 * normalise to another baseline.
 */
import type { ObservableDecl, ParameterDecl } from '../types.ts';

export const observableParameters = {
  PLOOH_ss: { value: 0.000941176470588, unit: 'µM', source: '[D] untreated steady-state PLOOH of the default model (normaliser of lipidROS)' },
  GSH_ss: { value: 5000, unit: 'µM', source: '[D] untreated steady-state GSH of the default model (normaliser of GSH_fraction)' },
  LIP_ss: { value: 1, unit: 'µM', source: '[D] untreated steady-state LIP of the default model (normaliser of LIP_fraction)' },
} satisfies Record<string, ParameterDecl>;

export const ferroptosisObservables = {
  lipidROS: { expression: 'PLOOH / PLOOH_ss', unit: 'dimensionless', description: 'PLOOH relative to the untreated steady state (C11-BODIPY stand-in)' },
  GSH_fraction: { expression: 'GSH / GSH_ss', unit: 'dimensionless', description: 'GSH relative to the untreated steady state' },
  LIP_fraction: { expression: 'LIP / LIP_ss', unit: 'dimensionless', description: 'labile iron relative to the untreated steady state' },
} satisfies Record<string, ObservableDecl>;
