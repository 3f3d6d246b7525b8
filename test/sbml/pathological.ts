/** SBML documents for the hostile-input tests (test/sbml/hostile.test.ts, test/cli/model-files.test.ts). */
import { apply, ci, math, sbmlDoc } from './helpers.ts';

const MATHML = 'http://www.w3.org/1998/Math/MathML';

/** One species `id` decaying at rate k (dS/dt = −k·S, S(0) = 1), and a parameter t0 = 0. */
export function decayModel(id: string, k: number): string {
  return sbmlDoc(`
    <listOfCompartments><compartment id="c" size="1" constant="true"/></listOfCompartments>
    <listOfSpecies><species id="${id}" compartment="c" initialConcentration="1" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false"/></listOfSpecies>
    <listOfParameters><parameter id="k" value="${k}" constant="true"/><parameter id="t0" value="0" constant="true"/></listOfParameters>
    <listOfReactions><reaction id="r" reversible="false">
      <listOfReactants><speciesReference species="${id}" stoichiometry="1" constant="true"/></listOfReactants>
      <kineticLaw>${math(apply('times', ci('k'), ci(id)))}</kineticLaw>
    </reaction></listOfReactions>`);
}

/**
 * f1(x) = x and f_k(x) = f_{k−1}(x) + f_{k−1}(x), so f_k(x) = 2^(k−1)·x, written out a sum of
 * 2^(k−1) terms. The reaction's rate, and the rule v, are k·f_depth(S) with k = 0.5 / 2^(depth−1):
 * 0.5·S.
 */
export function nestedFunctionsModel(depth: number): string {
  const lambda = (body: string) => `<math xmlns="${MATHML}"><lambda><bvar><ci>x</ci></bvar>${body}</lambda></math>`;
  const callOf = (f: string, arg: string) => `<apply><ci>${f}</ci>${arg}</apply>`;
  let fds = `<functionDefinition id="f1">${lambda(ci('x'))}</functionDefinition>`;
  for (let k = 2; k <= depth; k++) {
    fds += `<functionDefinition id="f${k}">${lambda(apply('plus', callOf(`f${k - 1}`, ci('x')), callOf(`f${k - 1}`, ci('x'))))}</functionDefinition>`;
  }
  return sbmlDoc(`
    <listOfFunctionDefinitions>${fds}</listOfFunctionDefinitions>
    <listOfCompartments><compartment id="c" size="1" constant="true"/></listOfCompartments>
    <listOfSpecies><species id="S" compartment="c" initialConcentration="1" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false"/></listOfSpecies>
    <listOfParameters><parameter id="k" value="${0.5 / 2 ** (depth - 1)}" constant="true"/><parameter id="v" constant="false"/></listOfParameters>
    <listOfRules><assignmentRule variable="v">${math(apply('times', ci('k'), callOf(`f${depth}`, ci('S'))))}</assignmentRule></listOfRules>
    <listOfReactions><reaction id="r" reversible="false">
      <listOfReactants><speciesReference species="S" stoichiometry="1" constant="true"/></listOfReactants>
      <kineticLaw>${math(apply('times', ci('k'), callOf(`f${depth}`, ci('S'))))}</kineticLaw>
    </reaction></listOfReactions>`);
}
