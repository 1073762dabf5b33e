#!/usr/bin/env node
// `node scripts/check-security.mjs`: Electronegativity over the sources (electron/, renderer/)
// and over the build (out/, run `npm run build` first). Fails on any HIGH finding that
// tests/hardening/security-exceptions.json does not justify, on a file the scanner could not
// parse, and when the scanner misses the HIGH findings of a known-bad window (a broken check
// must not pass silently). Lower findings are listed with their justification, or as "review".
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXCEPTIONS_FILE = join(ROOT, 'tests/hardening/security-exceptions.json');
const SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };
/** Looks up Electron's release feed online (none here); Electron updates are npm's business. */
const SKIPPED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const require = createRequire(import.meta.url);

function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

/** The scanner only reads .js/.ts/.jsx/.tsx/.html: .cjs/.mjs bundles (the preload) get a .js twin. */
function copyTree(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      copyTree(source, join(to, entry.name));
      continue;
    }
    mkdirSync(to, { recursive: true });
    const ext = extname(entry.name);
    cpSync(source, join(to, ext === '.cjs' || ext === '.mjs' ? `${entry.name}.js` : entry.name));
  }
}

function stage(root, label, folders) {
  const dir = join(root, label);
  for (const folder of folders) copyTree(join(ROOT, folder), join(dir, folder));
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  return dir;
}

const CANARY = `import { BrowserWindow } from 'electron';
export function open(): BrowserWindow {
  return new BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true } });
}
`;

function loadExceptions() {
  const list = JSON.parse(readFileSync(EXCEPTIONS_FILE, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${EXCEPTIONS_FILE} must hold a JSON array`);
  const problems = [];
  list.forEach((entry, i) => {
    if (typeof entry?.check !== 'string' || entry.check === '') problems.push(`exception ${i + 1}: "check" (the Electronegativity check id) is missing`);
    if (typeof entry?.file !== 'string' || entry.file === '') problems.push(`exception ${i + 1}: "file" (a path relative to the scanned root, or "N/A" for a global check) is missing`);
    if (typeof entry?.justification !== 'string' || entry.justification.trim().length < 40) {
      problems.push(`exception ${i + 1} (${entry?.check}): needs a written justification (at least a sentence)`);
    }
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return list;
}

/** Runs the scanner programmatically; its own "could not fetch translations" chatter is dropped. */
async function scan(input, version) {
  const { default: run } = await import('@doyensec/electronegativity');
  const log = console.log;
  console.log = (...args) => {
    if (!String(args[0] ?? '').startsWith('Could not retrieve updated translations')) log(...args);
  };
  try {
    const result = await run({ input, electronVersionOverride: version, isRelative: true, customScan: [], excludeFromScan: SKIPPED_CHECKS.map((c) => c.toLowerCase()) });
    return {
      errors: result.errors.filter((e) => !e.tolerable).map((e) => `${relative(input, e.file)}: ${e.message}`),
      issues: result.issues.map((issue) => ({
        check: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file: issue.file.split(sep).join('/'),
        line: issue.location.line,
        sample: issue.sample ?? '',
        description: issue.description,
      })),
    };
  } finally {
    console.log = log;
  }
}

function justification(issue, exceptions, used) {
  const index = exceptions.findIndex((e) => e.check === issue.check && e.file === issue.file && (e.contains === undefined || issue.sample.includes(e.contains)));
  if (index === -1) return null;
  used.add(index);
  return exceptions[index].justification;
}

async function main() {
  if (!existsSync(join(ROOT, 'out/main')) || !existsSync(join(ROOT, 'out/renderer/index.html'))) {
    console.error('check-security: out/ is missing — run `npm run build` first (the built app is scanned too).');
    return 2;
  }
  const version = electronVersion();
  const exceptions = loadExceptions();
  const temp = mkdtempSync(join(tmpdir(), 'recall-remote-security-'));
  try {
    const canaryDir = join(temp, 'canary');
    mkdirSync(canaryDir);
    writeFileSync(join(canaryDir, 'window.ts'), CANARY);
    const canary = await scan(canaryDir, version);
    if (!canary.issues.some((i) => i.check === 'CONTEXT_ISOLATION_JS_CHECK' && i.severity === 'HIGH')) {
      console.error('check-security: Electronegativity did not flag `contextIsolation: false` in a known-bad window — the scanner is not working, so nothing was checked.');
      return 1;
    }

    const targets = [
      { label: 'sources', dir: stage(temp, 'sources', ['electron', 'renderer']) },
      { label: 'build', dir: stage(temp, 'build', ['out']) },
    ];
    const used = new Set();
    let failures = 0;
    for (const target of targets) {
      const { errors, issues } = await scan(target.dir, version);
      console.log(`Electronegativity ${target.label} (Electron ${version}; skipped: ${SKIPPED_CHECKS.join(', ')}): ${issues.length} finding(s)`);
      for (const error of errors) {
        failures += 1;
        console.error(`  FAIL could not parse ${error} — that file was not checked`);
      }
      const sorted = [...issues].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.check.localeCompare(b.check));
      for (const issue of sorted) {
        if (issue.severity === 'INFORMATIONAL') continue;
        const where = `${issue.file}${issue.line ? `:${issue.line}` : ''}`;
        const why = justification(issue, exceptions, used);
        const head = `${issue.severity} ${issue.check} ${where}`;
        if (why !== null) console.log(`  ok   ${head} — justified: ${why}`);
        else if (issue.severity === 'HIGH') {
          failures += 1;
          console.error(`  FAIL ${head} — ${issue.description}\n       ${issue.sample}`);
        } else console.log(`  review ${head} — ${issue.description}`);
      }
    }
    exceptions.forEach((entry, i) => {
      if (!used.has(i)) console.warn(`  note: exception ${i + 1} (${entry.check} in ${entry.file}) matched nothing — remove it if the finding is gone`);
    });
    if (failures > 0) {
      console.error(`check-security: ${failures} problem(s). Fix the finding, or justify it in ${relative(ROOT, EXCEPTIONS_FILE)}.`);
      return 1;
    }
    console.log('check-security: no unjustified HIGH finding.');
    return 0;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`check-security: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
