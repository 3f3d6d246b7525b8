// Worker bootstrap: load the TypeScript sweep worker through tsx (a worker's entry cannot be .ts).
import { tsImport } from 'tsx/esm/api';

await tsImport('./sweep-worker.ts', import.meta.url);
