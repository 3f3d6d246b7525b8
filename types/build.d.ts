/**
 * Facts injected by esbuild's `define` when the package is built (scripts/build-package.ts);
 * undefined when the TypeScript source runs directly (tests, tsx).
 */
declare const FERROSIM_BUILD: { version: string; commit: string } | undefined;
