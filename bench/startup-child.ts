// Cold start-up, run by the sandbox-media benchmark as a fresh process: loads the app core, the
// client and the sandbox, starts the sandbox and makes the first API call through the real
// client. Prints one JSON line of milliseconds since this process started.
import '../electron/core/app';
import { RecallClient } from '../electron/core/recall';
import { startSandbox } from '../electron/sandbox';

const loadedMs = performance.now();
const sandbox = await startSandbox();
const listeningMs = performance.now();
const client = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
await client.listBots().next();
const firstCallMs = performance.now();
await sandbox.close();
process.stdout.write(`${JSON.stringify({ loadedMs, listeningMs, firstCallMs })}\n`);
