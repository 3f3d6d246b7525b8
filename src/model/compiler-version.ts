/**
 * Bumped when generated code changes shape, so content hashes of cached compilations change too,
 * and serialized models (serialized.ts) from another version are compiled again. A leaf module:
 * code that only runs compiled models reads it without loading the compiler.
 */
export const COMPILER_VERSION = 4;
