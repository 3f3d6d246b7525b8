/** Strict UTF-8 decoding with the position of the first bad byte (browser-safe). */
import type { ScenarioError } from './types.ts';

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) { i++; continue; }
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= bytes.length) return i; // truncated sequence at the end
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Decodes UTF-8 or returns a located error (line and column of the first bad byte). */
export function decodeScenarioBytes(bytes: Uint8Array, fileName: string): { text?: string; error?: ScenarioError } {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { text: new TextDecoder('utf-8').decode(bytes) };
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
  const lines = before.split('\n');
  return {
    error: {
      file: fileName, line: lines.length, column: [...lines[lines.length - 1]].length + 1, path: '',
      message: `the file is not UTF-8 text (byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad})`,
      hint: 'save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)',
    },
  };
}
