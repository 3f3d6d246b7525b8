/**
 * A small, order-preserving XML element tree on top of fast-xml-parser. SBML needs document order
 * (MathML argument order, rule order) and namespace prefixes (to spot package elements), which the
 * parser's default object mode loses.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  /** Qualified tag name as written, e.g. `speciesReference` or `comp:listOfSubmodels`. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content directly inside this element (trimmed pieces joined by one space). */
  text: string;
}

export class SbmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SbmlError';
  }
}

type RawNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** Parses XML text into an element tree; throws SbmlError with the line of a syntax error. */
export function parseXml(text: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new SbmlError(`not well-formed XML at line ${line}, column ${col}: ${msg}`);
  }
  const raw = parser.parse(text) as RawNode[];
  const roots = raw.map(convert).filter((e): e is XmlElement => e !== null && !e.name.startsWith('?'));
  if (roots.length !== 1) throw new SbmlError(`expected one root element, found ${roots.length}`);
  return roots[0];
}

function convert(node: RawNode): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined || name === '#text' || name === '#comment') return null;
  const attrs = (node[':@'] as Record<string, string> | undefined) ?? {};
  const rawChildren = (node[name] as RawNode[] | undefined) ?? [];
  const children: XmlElement[] = [];
  const texts: string[] = [];
  for (const child of rawChildren) {
    if ('#text' in child) {
      const s = String(child['#text']).trim();
      if (s !== '') texts.push(s);
      continue;
    }
    const c = convert(child);
    if (c !== null) children.push(c);
  }
  return { name, attrs: { ...attrs }, children, text: texts.join(' ') };
}

/** Local name without a namespace prefix. */
export function localName(el: XmlElement): string {
  const i = el.name.indexOf(':');
  return i < 0 ? el.name : el.name.slice(i + 1);
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childrenOf(el: XmlElement, listName: string, itemName: string): XmlElement[] {
  const list = child(el, listName);
  return list ? list.children.filter((c) => c.name === itemName) : [];
}
