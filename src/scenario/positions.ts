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
