// Run by resume-after-kill.test.ts as a separate process (through tsx): downloads one recording
// into a folder and prints "started" — the parent kills it with SIGKILL mid-transfer.
import { DownloadManager } from '../../../electron/core/downloads';
import { RecallClient } from '../../../electron/core/recall';

const [baseUrl, apiKey, recordingId, dir] = process.argv.slice(2);
if (!baseUrl || !apiKey || !recordingId || !dir) {
  process.stderr.write('usage: download-child BASE_URL API_KEY RECORDING_ID DIR\n');
  process.exit(2);
}
const client = new RecallClient({ apiKey, baseUrl });
const manager = new DownloadManager({ client, downloadDir: () => dir });
manager.subscribe((e) => {
  if (e.type === 'started') process.stdout.write('started\n');
});
await manager.download({ recordingId, botName: 'Killed' });
process.stdout.write('finished\n');
