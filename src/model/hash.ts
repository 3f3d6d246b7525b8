/**
 * A small, stable, dependency-free content hash (browser-safe: no `node:crypto`), used for model
 * hashes, scenario hashes, caches and reproducibility stamps. Two 32-bit FNV-1a-style lanes with a
 * murmur finaliser over a canonical JSON rendering, printed as 16 hex digits. An identity check,
 * not a cryptographic hash.
 */

/**
 * JSON with object keys sorted at every level (keys whose value is undefined left out, as JSON
 * does), typed arrays as arrays, and every distinct number written distinctly: JSON would write
 * −0 as 0 and NaN and ±Infinity as null, though each can take a computation down another path.
 * Equal data always renders equally, so it serves as an exact cache key as well as hash input.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '"-0"';
    return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return `[${Array.from(value as ArrayLike<unknown>, canonicalJson).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function hashString(text: string): string {
  let h1 = 0x811c9dc5 ^ text.length; // FNV-1a offset basis
  let h2 = 0x9e3779b9 ^ text.length; // a second lane with its own basis and multiplier
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193); // FNV prime
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  // Finalise each lane (murmur3's fmix32) so that nearby inputs differ in every digit.
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export function hashValue(value: unknown): string {
  return hashString(canonicalJson(value));
}
