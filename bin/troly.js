#!/usr/bin/env node
// Entry point for `npx troly`: runs the TypeScript CLI through tsx so that there is no build step
// to forget after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/index.ts');
await run(process.argv);
