#!/usr/bin/env node
// The `ferrosim` command's entry point, built into dist/lib/cli.js (plain JavaScript: nothing is
// compiled when it starts). The program itself is main.ts.
import { main } from './main.ts';

process.exitCode = await main(process.argv);
