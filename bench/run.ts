// `npm run bench`: runs the benchmarks and writes BENCHMARKS.md.
// Flags: --quick (smoke mode), --full (adds the 4 GiB download), --only id,id, --out FILE.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS, UnknownBenchmarkError, renderReport, runBenchmarks } from './suite';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run bench -- [--quick] [--full] [--only ${BENCHMARKS.map((b) => b.id).join(',')}] [--out BENCHMARKS.md]\n`);
  process.exit(2);
}

let values: { quick?: boolean; full?: boolean; only?: string; out?: string };
try {
  ({ values } = parseArgs({
    options: { quick: { type: 'boolean' }, full: { type: 'boolean' }, only: { type: 'string' }, out: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  usage(err instanceof Error ? err.message : String(err));
}
if (values.quick && values.full) usage('--quick and --full exclude each other');
const only = values.only?.split(',').map((s) => s.trim()).filter((s) => s !== '');
// Smoke runs print their report instead of overwriting the committed one, unless told where.
const out = values.out ?? (values.quick ? null : 'BENCHMARKS.md');
const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');

try {
  const report = await runBenchmarks({
    quick: values.quick === true,
    full: values.full === true,
    ...(only && { only }),
    command,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const markdown = renderReport(report);
  if (out === null) process.stdout.write(markdown);
  else {
    await writeFile(resolve(out), markdown);
    process.stderr.write(`wrote ${resolve(out)}\n`);
  }
} catch (err) {
  if (err instanceof UnknownBenchmarkError) usage(err.message);
  throw err;
}
