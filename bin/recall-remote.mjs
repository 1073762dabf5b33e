#!/usr/bin/env node
// recall-remote: runs the TypeScript CLI (electron/cli/main.ts) directly through tsx, so it
// works right after `npm ci` without a build step.
import { register } from 'tsx/esm/api';

register();
const { runFromProcess } = await import('../electron/cli/main.ts');
await runFromProcess();
