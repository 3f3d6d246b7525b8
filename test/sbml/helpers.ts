/** Small SBML documents for tests. */
export const MATHML = 'http://www.w3.org/1998/Math/MathML';

export function sbmlDoc(modelBody: string, extraNs = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core"${extraNs} level="3" version="2">
  <model id="test">
${modelBody}
  </model>
</sbml>`;
}

export const math = (inner: string): string => `<math xmlns="${MATHML}">${inner}</math>`;
export const ci = (id: string): string => `<ci> ${id} </ci>`;
export const cn = (v: number | string, type = ''): string => `<cn${type ? ` type="${type}"` : ''}> ${v} </cn>`;
export const apply = (op: string, ...args: string[]): string => `<apply><${op}/>${args.join('')}</apply>`;
export const TIME = '<csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time"> time </csymbol>';

/** One compartment, the given parameters, assignment rules and species; enough to hold an expression. */
export function withRules(params: Record<string, number>, rules: Record<string, string>): string {
  const p = Object.entries(params).map(([id, v]) => `<parameter id="${id}" value="${v}" constant="true"/>`);
  const r = Object.keys(rules).map((id) => `<parameter id="${id}" constant="false"/>`);
  return sbmlDoc(`
    <listOfParameters>${[...p, ...r].join('\n')}</listOfParameters>
    <listOfRules>${Object.entries(rules).map(([id, m]) => `<assignmentRule variable="${id}">${math(m)}</assignmentRule>`).join('\n')}</listOfRules>`);
}
