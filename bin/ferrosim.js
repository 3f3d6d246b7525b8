#!/usr/bin/env node
// The `ferrosim` command: runs the TypeScript CLI through tsx, so `npx ferrosim` works after `npm ci`.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv);
