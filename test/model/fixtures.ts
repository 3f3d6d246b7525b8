/** Small models exercising every construct the compiler accepts (hill, rules, conditionals, min/max/abs, logic, t). */
import { defineModel } from '../../src/model/index.ts';

/** Michaelis–Menten with substrate depletion, E + S → P with the quasi-steady-state rate law. */
export const michaelisMenten = defineModel({
  name: 'michaelis-menten',
  species: {
    S: { initial: 10, unit: 'µM', description: 'substrate', source: 'assumed: test' },
    P: { initial: 0, unit: 'µM', description: 'product', source: 'assumed: test' },
  },
  parameters: {
    Vmax: { value: 2, unit: 'µM/h', source: 'assumed: test' },
    Km: { value: 1.5, unit: 'µM', source: 'assumed: test' },
  },
  inputs: {},
  reactions: {
    conversion: { rate: 'Vmax * S / (Km + S)', stoichiometry: { S: -1, P: 1 } },
  },
  observables: { total: { expression: 'S + P', unit: 'µM', description: 'conserved total' } },
});

/** A three-tier cascade with Hill activation, an input inhibitor, a rule and a time switch. */
export const cascade = defineModel({
  name: 'cascade',
  species: {
    A: { initial: 1, unit: 'µM', description: 'upstream kinase', source: 'assumed: test' },
    B: { initial: 0.2, unit: 'µM', description: 'active mid kinase', source: 'assumed: test' },
    Bi: { initial: 0.8, unit: 'µM', description: 'inactive mid kinase', source: 'assumed: test' },
    C: { initial: 0.1, unit: 'µM', description: 'readout', source: 'assumed: test' },
  },
  parameters: {
    kA: { value: 0.3, unit: '1/h', source: 'assumed: test' },
    kact: { value: 2, unit: '1/h', source: 'assumed: test' },
    KA: { value: 0.5, unit: 'µM', source: 'assumed: test' },
    nA: { value: 2.5, unit: 'dimensionless', source: 'assumed: test' },
    kdeact: { value: 0.7, unit: '1/h', source: 'assumed: test' },
    Ki: { value: 0.4, unit: 'µM', source: 'assumed: test' },
    kC: { value: 1.1, unit: '1/µM/h', source: 'assumed: test' },
    dC: { value: 0.2, unit: '1/h', source: 'assumed: test' },
    tSwitch: { value: 5, unit: 'h', source: 'assumed: test' },
    Cmax: { value: 3, unit: 'µM', source: 'assumed: test' },
  },
  inputs: { drug: { unit: 'µM', default: 0.5, description: 'inhibitor of activation' } },
  rules: {
    inhibition: { expression: '1 / (1 + drug / Ki)', unit: 'dimensionless' },
    activation: { expression: 'kact * hill(A, KA, nA) * inhibition', unit: '1/h' },
  },
  reactions: {
    decayA: { rate: 'kA * A * (t < tSwitch ? 1 : 0.5)', stoichiometry: { A: -1 } },
    activate: { rate: 'activation * Bi', stoichiometry: { Bi: -1, B: 1 } },
    deactivate: { rate: 'kdeact * B', stoichiometry: { B: -1, Bi: 1 } },
    produceC: { rate: 'kC * B * max(Cmax - C, 0) ', stoichiometry: { C: 1 } },
    degradeC: { rate: 'dC * min(C, Cmax)', stoichiometry: { C: -1 } },
  },
  observables: {
    activeFraction: { expression: 'B / (B + Bi)', unit: 'fraction', description: 'active share of the mid kinase' },
    switched: { expression: 't >= tSwitch and C > 0 ? 1 : 0', unit: 'dimensionless', description: 'after the switch' },
  },
});

/** exp, log (1 and 2 args), log10, sqrt, abs, pow, ^, unary minus, logic, chained comparisons (trigonometry below; rounding in logic-and-rounding.test.ts). */
export const kitchenSink = defineModel({
  name: 'kitchen-sink',
  species: {
    x: { initial: 1, unit: 'dimensionless', description: 'x', source: 'assumed: test' },
    y: { initial: 2, unit: 'dimensionless', description: 'y', source: 'assumed: test' },
    z: { initial: 0.5, unit: 'dimensionless', description: 'z', source: 'assumed: test' },
  },
  parameters: {
    a: { value: 0.7, unit: '1/h', source: 'assumed: test' },
    b: { value: 1.3, unit: 'dimensionless', source: 'assumed: test' },
    c: { value: 2.2, unit: 'dimensionless', source: 'assumed: test' },
  },
  inputs: { u1: { unit: 'dimensionless', default: 0.25, description: 'input' } },
  rules: {
    g: { expression: 'exp(-b * x) + log(1 + y) + log10(1 + z^2) + sqrt(x * y + c)' },
    h: { expression: 'pow(z, c) - abs(x - y) + log(1 + x, c + 1)' },
    sin_like: { expression: 'x - x^3 / 6 + x^5 / 120' },
    gate: { expression: '(0.5 < y < 3) and not (z > 2) or (u1 == 7) ? 1 : -1' },
  },
  reactions: {
    r1: { rate: 'a * g * x', stoichiometry: { x: -1, y: 1 } },
    r2: { rate: 'a * (h + 2) * y^2 / (1 + y^2) + a * gate * u1 * z', stoichiometry: { y: -2, z: 1 } },
    r3: { rate: '-(-a) * z * max(x, y, z) * (x != y)', stoichiometry: { z: -1, x: 0.5 } },
    r4: { rate: 'a * x ^ y / (1 + x ^ y) + a * abs(sin_like - y) / 10', stoichiometry: { x: -1, z: 1 } },
  },
  observables: { gh: { expression: 'g * h + t', unit: 'dimensionless', description: 'rules combined' } },
});

/**
 * Every trigonometric and hyperbolic function, with arguments kept inside their domains and away
 * from poles for any positive state (x/(1+x) ∈ (0, 1)), so finite differences apply everywhere.
 */
export const trigonometry = defineModel({
  name: 'trigonometry',
  species: {
    x: { initial: 0.8, unit: 'dimensionless', description: 'x', source: 'assumed: test' },
    y: { initial: 1.7, unit: 'dimensionless', description: 'y', source: 'assumed: test' },
    z: { initial: 0.4, unit: 'dimensionless', description: 'z', source: 'assumed: test' },
  },
  parameters: {
    k: { value: 0.6, unit: '1/h', source: 'assumed: test' },
    w: { value: 1.2, unit: 'dimensionless', source: 'assumed: test' },
  },
  inputs: { phase: { unit: 'dimensionless', default: 0.3, description: 'input' } },
  rules: {
    sx: { expression: 'x / (1 + x)' },
    sy: { expression: 'y / (1 + y)' },
    circular: { expression: 'sin(w * x + phase) * cos(y) + tan(sx) + sec(sy / 2) + csc(0.5 + sx) + cot(0.5 + sy)' },
    inverse: { expression: 'asin(sx) - acos(sy) + atan(w * z - y)' },
    hyperbolic: { expression: 'sinh(z - x) + cosh(y / 3) * tanh(w * x - z) + sech(x * y)' },
    areaFunctions: { expression: 'asinh(z - y) + acosh(1 + x * z) + atanh(sy * sx)' },
  },
  reactions: {
    r1: { rate: 'k * x * (2 + circular / 10)', stoichiometry: { x: -1, y: 1 } },
    r2: { rate: 'k * y * (3 + inverse)', stoichiometry: { y: -1, z: 1 } },
    r3: { rate: 'k * z * (4 + hyperbolic / 5) * (1 + sin(t))', stoichiometry: { z: -1, x: 1 } },
    r4: { rate: 'k * exp(-areaFunctions / 4)', stoichiometry: { x: 1 } },
  },
  observables: { wave: { expression: 'sin(t) * cos(2 * t) + circular', unit: 'dimensionless', description: 'oscillating readout' } },
});
