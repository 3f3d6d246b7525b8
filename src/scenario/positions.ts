/**
 * Maps a field path (["inputs", "erastin", 1, "at"]) back to a line and column of the YAML source,
 * using the parsed Document's node ranges and a LineCounter.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';

export interface SourcePos {
  line: number;
  column: number;
}

export type PathSegment = string | number;

/** The value at `path` in parsed YAML data (objects and arrays), or undefined where the path leaves it. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v == null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

/**
 * Finds the node at `path`. `target: 'key'` returns the position of the last segment's key (for
 * "unknown key" problems) rather than its value.
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
  target: 'value' | 'key' = 'value',
): SourcePos {
  let node: unknown = doc.contents;
  let last: unknown = node;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((p) => {
        const k = isScalar(p.key) ? p.key.value : p.key;
        return String(k) === String(seg);
      });
      if (!pair) break;
      if (target === 'key' && i === path.length - 1) {
        next = pair.key;
      } else {
        next = pair.value ?? pair.key;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (next == null) break;
    node = next;
    last = node;
  }
  const range = (last as Node | null)?.range;
  if (!range) return { line: 1, column: 1 };
  const pos = lineCounter.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

/**
 * Where a YAML syntax error really is. The `yaml` package reports an unterminated flow
 * collection (`time: { end: 24`) or quoted string where it noticed the problem: the start of the
 * next line, or the end of the file, one line or more after the cause. For those we point at the
 * opening bracket or quote instead, which is what the user has to fix; other errors keep the
 * package's position.
 */
export function yamlErrorPos(source: string, error: { code: string; message: string; pos: [number, number] }, lineCounter: LineCounter): SourcePos {
  const at = error.pos[0];
  let opener = -1;
  const flow = /flow (map|sequence)/i.exec(error.message);
  if (flow) opener = unmatchedOpener(source, at, flow[1].toLowerCase() === 'map' ? '{' : '[', flow[1].toLowerCase() === 'map' ? '}' : ']');
  else if (error.code === 'MISSING_CHAR') {
    const quote = /closing (["'])quote/.exec(error.message)?.[1];
    if (quote) opener = lastQuote(source, at, quote);
  }
  const pos = lineCounter.linePos(opener >= 0 ? opener : at);
  return { line: pos.line, column: pos.col };
}

/** Index of the `open` bracket before `end` that no `close` matches, skipping comments; -1 if none. */
function unmatchedOpener(source: string, end: number, open: string, close: string): number {
  let depth = 0;
  for (let i = Math.min(end, source.length) - 1; i >= 0; i--) {
    const ch = source[i];
    if (ch !== open && ch !== close) continue;
    if (inComment(source, i)) continue;
    if (ch === close) depth++;
    else if (depth === 0) return i;
    else depth--;
  }
  return -1;
}

/** A `#` preceded by a space or the line start begins a comment (YAML 1.2, 6.6); quotes ignored. */
function inComment(source: string, i: number): boolean {
  const lineStart = source.lastIndexOf('\n', i - 1) + 1;
  for (let k = lineStart; k < i; k++) if (source[k] === '#' && (k === lineStart || /\s/.test(source[k - 1]))) return true;
  return false;
}

/** The opening quote of an unterminated quoted scalar: the last unescaped `quote` before `end`. */
function lastQuote(source: string, end: number, quote: string): number {
  for (let i = Math.min(end, source.length) - 1; i >= 0; i--) {
    if (source[i] !== quote) continue;
    if (quote === '"' && source[i - 1] === '\\') continue;
    if (quote === "'" && source[i - 1] === "'") { i--; continue; }
    return i;
  }
  return -1;
}
