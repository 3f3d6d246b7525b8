// The npm package 'odex' (CommonJS), loaded by its JavaScript entry file. Why not `import 'odex'`:
// the package also ships its TypeScript source next to the entry, which TypeScript would then
// type-check, and tsconfig maps the bare name to types/odex.d.ts for the compiler, which tsx and
// esbuild also honour at run time. Types: odex-package.d.cts.
module.exports = require('odex/src/odex.js');
