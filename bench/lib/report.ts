// Renders the results of a run as BENCHMARKS.md: machine, how to reproduce, the method of each
// benchmark, its tables, and every target as met / missed (with by how much and what would
// close it).
import type { MachineInfo } from './machine';
import type { BenchmarkResult, Table, TargetCheck } from './result';

export interface RunReport {
  startedAt: Date;
  wallMs: number;
  machine: MachineInfo;
  command: string;
  quick: boolean;
  full: boolean;
  /** Ids of every benchmark of the suite (for `--only`). */
  available: readonly string[];
  /** Ids in the order they ran (the report lists them in the order). */
  runOrder: readonly string[];
  results: BenchmarkResult[];
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(t: Table): string[] {
  const lines: string[] = [];
  if (t.caption) lines.push(`*${t.caption}*`, '');
  lines.push(`| ${t.headers.map(cell).join(' | ')} |`, `|${t.headers.map(() => '---').join('|')}|`);
  for (const row of t.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  lines.push('');
  return lines;
}

function verdict(t: TargetCheck): string {
  return t.met === null ? '— not measured' : t.met ? '✅ met' : '❌ missed';
}

function targetsTable(targets: readonly TargetCheck[]): string[] {
  if (targets.length === 0) return [];
  return table({
    headers: ['target', 'goal', 'measured', 'verdict'],
    rows: targets.map((t) => [t.what, t.target, t.measured, verdict(t)]),
  });
}

export function renderReport(run: RunReport): string {
  const { machine } = run;
  const all = run.results.flatMap((r) => r.targets.map((t) => ({ bench: r.title, t })));
  const missed = all.filter(({ t }) => t.met === false);
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Each benchmark measures the project and a baseline side by side, in the same run, on loopback. Numbers are medians of several runs unless a row says otherwise; ratios compare medians. Targets are from issue 7.',
    '',
    '## Reproduce',
    '',
    '```sh',
    run.command,
    '```',
    '',
    `\`npm run bench\` runs everything except the 4 GiB download (add \`-- --full\`); \`-- --only ${run.available.join(',')}\` picks benchmarks; \`-- --quick\` is the smoke mode that \`npm test\` runs (tiny sizes, it checks that the benchmarks work, not the numbers); \`-- --out FILE\` writes the report elsewhere. Needs: the built renderer (\`npm run build\`) for the library benchmark, Debian's \`curl\` and \`chromium\` (apt) for the baselines and the browser, about 10 GiB free in the temp folder with \`--full\`.`,
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores (shared and noisy: the load average at the start and end of each benchmark is recorded below)`,
    `- Memory: ${machine.memoryGiB} GiB`,
    `- OS: ${machine.os}`,
    `- Node ${machine.node}`,
    `- curl: ${machine.curl ?? 'not installed (curl baseline skipped)'}`,
    `- Chromium: ${machine.chromium ?? 'not installed'}`,
    `- Run: ${run.startedAt.toISOString()}, ${(run.wallMs / 1000).toFixed(0)} s in total${run.quick ? ' — QUICK (smoke) MODE: the numbers are not meaningful' : ''}${run.full ? ', full mode (4 GiB download included)' : ''}; in the order ${run.runOrder.join(', ')} (the download runs last: the write-back of its gigabytes must not disturb the others)`,
    '',
    '## Summary',
    '',
    ...table({
      headers: ['benchmark', 'target', 'goal', 'measured', 'verdict'],
      rows: all.map(({ bench, t }) => [bench, t.what, t.target, t.measured, verdict(t)]),
    }),
  ];
  if (missed.length > 0) {
    lines.push('### Missed targets', '');
    for (const { bench, t } of missed) lines.push(`- **${bench} — ${t.what}**: ${t.measured} against ${t.target}; ${t.note ?? ''}`);
    lines.push('');
  }
  for (const [i, r] of run.results.entries()) {
    lines.push(`## ${i + 1}. ${r.title}`, '');
    lines.push(`Load average (1 min): ${r.loadStart.toFixed(2)} at start, ${r.loadEnd.toFixed(2)} at end; ${(r.wallMs / 1000).toFixed(1)} s.`, '');
    lines.push('**Method**', '');
    for (const m of r.method) lines.push(`- ${m}`);
    lines.push('', '**Results**', '');
    for (const t of r.tables) lines.push(...table(t));
    lines.push(...targetsTable(r.targets));
    const explained = r.targets.filter((t) => t.note);
    if (explained.length > 0 || r.notes.length > 0) {
      lines.push('**Notes**', '');
      for (const t of explained) lines.push(`- ${t.what}: ${t.note ?? ''}`);
      for (const n of r.notes) lines.push(`- ${n}`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
