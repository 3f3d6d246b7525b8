/**
 * The built-in `ferroptosis` model (model-notes.md): cytokine signalling, NRF2, iron,
 * glutathione/GPX4, lipid peroxidation and death, one module per file, composed here.
 *
 * Conventions: time in h, concentrations in µM of cell volume unless a unit says otherwise, r.u. =
 * relative units with the untreated baseline at 1. The declared initial values are the untreated
 * steady state (see observables.ts for how the baseline is calibrated).
 */
import { defineModel } from '../define.ts';
import { cytokinesParameters, cytokinesReactions, cytokinesRules, cytokinesSpecies } from './cytokines.ts';
import { deathParameters, deathReactions, deathRules, deathSpecies } from './death.ts';
import { glutathioneParameters, glutathioneReactions, glutathioneRules, glutathioneSpecies } from './glutathione.ts';
import { ferroptosisInputs } from './inputs.ts';
import { ironParameters, ironReactions, ironRules, ironSpecies } from './iron.ts';
import {
  lipidPeroxidationParameters, lipidPeroxidationReactions, lipidPeroxidationRules, lipidPeroxidationSpecies,
} from './lipid-peroxidation.ts';
import { nrf2Parameters, nrf2Reactions, nrf2Rules, nrf2Species } from './nrf2.ts';
import { ferroptosisObservables, observableParameters } from './observables.ts';

export const ferroptosis = defineModel({
  name: 'ferroptosis',
  description:
    'Ferroptosis signalling in a cultured tumour cell (HT-1080-like): iron, GSH/GPX4, lipid peroxidation, ' +
    'NRF2 and IL-6/TNF/IFN-γ signalling, with drug and cytokine inputs (ferrosim model-notes).',
  species: {
    ...cytokinesSpecies, ...nrf2Species, ...ironSpecies, ...glutathioneSpecies, ...lipidPeroxidationSpecies, ...deathSpecies,
  },
  parameters: {
    ...cytokinesParameters, ...nrf2Parameters, ...ironParameters, ...glutathioneParameters,
    ...lipidPeroxidationParameters, ...deathParameters, ...observableParameters,
  },
  inputs: ferroptosisInputs,
  rules: { ...cytokinesRules, ...nrf2Rules, ...ironRules, ...glutathioneRules, ...lipidPeroxidationRules, ...deathRules },
  reactions: {
    ...cytokinesReactions, ...nrf2Reactions, ...ironReactions, ...glutathioneReactions,
    ...lipidPeroxidationReactions, ...deathReactions,
  },
  observables: ferroptosisObservables,
});

export type FerroptosisModel = typeof ferroptosis;
