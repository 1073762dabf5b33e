#!/usr/bin/env node
// `node scripts/check-package.mjs [--keep]`: packages the built app with electron-builder
// (`--linux dir`, a stand-in electronDist since the Electron binary cannot be downloaded here)
// into a temporary folder and inspects the result: app.asar holds out/main, out/preload,
// out/renderer (with every asset its page loads), package.json and exactly the packages main
// imports at run time with their dependencies — no sources, tests, benchmarks, source maps,
// .env files or secrets — and the bundled ffmpeg is unpacked beside it and runs.
// `--inspect DIR` only inspects an unpacked app folder; `--keep` keeps the temporary package.
// Exit 0: the package is right; 1: problems (listed); 2: not built (run `npm run build`).
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');

/** What may never be in the archive (paths are the archive's, starting with `/`). */
const FORBIDDEN_PATHS = [
  { re: /^\/(electron|renderer|tests|bench|scripts|docs|test-results|dist|resources)\//, why: 'a source or repository folder' },
  { re: /\.map$/, why: 'a source map' },
  { re: /(?<!\.d)\.(ts|tsx|mts|cts)$/, why: 'TypeScript source' },
  { re: /\/\.env(\.[^/]*)?$/, why: 'an .env file' },
  { re: /\/\.npmrc$/, why: 'an npm config (may hold a token)' },
  { re: /\.(pem|key|p12|pfx|crt)$/, why: 'a key or certificate' },
  { re: /~$/, why: 'an editor backup file' },
  { re: /\/(test|tests|__tests__|bench|benchmark|benchmarks)\//, why: 'tests or benchmarks' },
];

/** Credentials that must never ship, by shape. */
const SECRET_PATTERNS = [
  { re: /NPM_CONFIG_TOKEN\s*=/, what: 'an npm token assignment' },
  { re: /\bnpm_[A-Za-z0-9]{36}\b/, what: 'an npm access token' },
  { re: /\bAKIA[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, what: 'a GitHub token' },
];

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Bare module specifiers a bundled file imports or requires (relative and built-in ones left out). */
export function bareImports(code) {
  const found = new Set();
  const patterns = [
    /\bimport\s+(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g,
    // ESM code loading a CommonJS package: createRequire(import.meta.url)("pkg").
    /\bcreateRequire\([^)]*\)(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const match of code.matchAll(re)) found.add(match[1]);
  return [...found].filter((s) => !s.startsWith('.') && !s.startsWith('/') && !BUILTINS.has(s) && !BUILTINS.has(s.split('/')[0]));
}

function standInElectron(dir) {
  mkdirSync(dir, { recursive: true });
  // electron-builder copies an unpacked Electron folder as is and renames `electron` to the app's
  // executableName; a script is enough to stand in for the binary.
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary (scripts/check-package.mjs)" >&2\nexit 1\n', { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dir, 'version'), `${JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version}\n`);
}

function runBuilder(distDir, outDir) {
  const bin = join(ROOT, 'node_modules/.bin/electron-builder');
  const args = ['--linux', 'dir', '--publish', 'never', `-c.electronDist=${distDir}`, `-c.directories.output=${outDir}`];
  const result = spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`electron-builder ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

function isText(buffer) {
  return !buffer.subarray(0, 8000).includes(0);
}

export function inspectPackage(appDir) {
  const problems = [];
  const resources = join(appDir, 'resources');
  const archive = join(resources, 'app.asar');
  if (!existsSync(archive)) return { problems: [`no app.asar in ${resources}`], entries: [] };
  const entries = asar.listPackage(archive, { isPack: false }).map((e) => e.split('\\').join('/'));
  const has = new Set(entries);
  const stat = (path) => asar.statFile(archive, path.slice(1), false);
  const read = (path) => asar.extractFile(archive, path.slice(1));

  if (!existsSync(join(appDir, 'recall-remote'))) problems.push('the executable recall-remote (linux.executableName) is missing');
  for (const required of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
    if (!has.has(required)) problems.push(`${required} is missing from app.asar`);
  }
  if (has.has('/package.json')) {
    const manifest = JSON.parse(read('/package.json').toString('utf8'));
    if (!has.has(`/${posix.normalize(manifest.main ?? '')}`)) problems.push(`package.json "main" (${manifest.main}) is not in app.asar`);
  }
  if (has.has('/out/renderer/index.html')) {
    const html = read('/out/renderer/index.html').toString('utf8');
    for (const match of html.matchAll(/\b(?:src|href)="\.\/([^"]+)"/g)) {
      if (!has.has(`/out/renderer/${match[1]}`)) problems.push(`out/renderer/index.html loads ./${match[1]}, which is not in app.asar`);
    }
  }
  const trayDir = join(resources, 'tray');
  const trayIcons = existsSync(trayDir) ? readdirSync(trayDir).filter((f) => f.endsWith('.png')) : [];
  const sourceIcons = readdirSync(join(ROOT, 'resources/tray')).filter((f) => f.endsWith('.png'));
  for (const icon of sourceIcons) if (!trayIcons.includes(icon)) problems.push(`tray icon resources/tray/${icon} is missing beside app.asar`);

  for (const entry of entries) {
    const rule = FORBIDDEN_PATHS.find((r) => r.re.test(entry));
    if (rule) problems.push(`${entry}: ${rule.why} must not ship`);
  }

  // The run-time closure: what the built main and preload import, then their dependencies.
  const preloadImports = has.has('/out/preload/index.cjs') ? bareImports(read('/out/preload/index.cjs').toString('utf8')) : [];
  for (const specifier of preloadImports) {
    if (specifier !== 'electron') problems.push(`the sandboxed preload requires "${specifier}": only "electron" is available there`);
  }
  const mainImports = has.has('/out/main/index.js') ? bareImports(read('/out/main/index.js').toString('utf8')) : [];
  const roots = [...new Set(mainImports.map(packageNameOf))].filter((name) => name !== 'electron');
  const needed = new Set();
  const queue = roots.map((name) => ({ name, from: '' }));
  while (queue.length > 0) {
    const { name, from } = queue.shift();
    // Node's lookup: node_modules of the importing package, then of each folder above it.
    const candidates = [];
    for (let dir = from; ; dir = dir.replace(/\/node_modules\/(?:@[^/]+\/)?[^/]+$/, '')) {
      candidates.push(`${dir}/node_modules/${name}`);
      if (dir === '') break;
    }
    const found = candidates.find((c) => has.has(`${c}/package.json`));
    if (!found) {
      problems.push(`${name} (needed by ${from || 'out/main'}) is not in app.asar`);
      continue;
    }
    if (needed.has(found)) continue;
    needed.add(found);
    const manifest = JSON.parse(read(`${found}/package.json`).toString('utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: found });
    // Optional dependencies installed here (the platform's ffmpeg) must come along too.
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) {
      if (existsSync(join(ROOT, 'node_modules', dep, 'package.json'))) queue.push({ name: dep, from: found });
    }
  }
  const shipped = new Set(entries.map((e) => /^(\/node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(e)?.[1]).filter(Boolean));
  for (const pkg of shipped) if (!needed.has(pkg)) problems.push(`${pkg.slice(1)} ships but nothing in out/main needs it at run time`);

  for (const entry of entries) {
    const info = stat(entry);
    if (!('size' in info) || info.size > 8 * 1024 * 1024) continue;
    const body = info.unpacked ? readFileSync(join(`${archive}.unpacked`, entry)) : read(entry);
    if (!isText(body)) continue;
    const text = body.toString('utf8');
    for (const secret of SECRET_PATTERNS) if (secret.re.test(text)) problems.push(`${entry} contains ${secret.what}`);
    const key = process.env.RECALL_API_KEY?.trim();
    if (key && text.includes(key)) problems.push(`${entry} contains this machine's RECALL_API_KEY`);
  }

  // The sandbox spawns ffmpeg: it must be a real executable file outside the archive.
  const platformPackage = `@ffmpeg-installer/${process.platform}-${process.arch}`;
  const binaryName = process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  const binaryEntry = `/node_modules/${platformPackage}/${binaryName}`;
  const unpackedBinary = join(`${archive}.unpacked`, 'node_modules', platformPackage, binaryName);
  if (!has.has(binaryEntry)) problems.push(`${binaryEntry} is not in the package`);
  else if (!stat(binaryEntry).unpacked) problems.push(`${binaryEntry} is inside app.asar, where it cannot be executed (asarUnpack)`);
  if (!existsSync(unpackedBinary)) problems.push(`${unpackedBinary} is missing`);
  else {
    try {
      accessSync(unpackedBinary, constants.X_OK);
      const version = execFileSync(unpackedBinary, ['-version'], { encoding: 'utf8', timeout: 30_000 });
      if (!/^ffmpeg version/m.test(version)) problems.push(`${unpackedBinary} -version printed no ffmpeg version`);
    } catch (error) {
      problems.push(`${unpackedBinary} does not run: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { problems, entries, runtime: [...needed].map((p) => p.replace(/^\/node_modules\//, '')).sort() };
}

function report(appDir) {
  const { problems, entries, runtime } = inspectPackage(appDir);
  const archive = join(appDir, 'resources', 'app.asar');
  const size = existsSync(archive) ? statSync(archive).size : 0;
  console.log(`check-package: app.asar ${(size / 1e6).toFixed(1)} MB, ${entries.length} entries; run-time packages: ${runtime?.join(', ') ?? 'none'}`);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`  FAIL ${problem}`);
    console.error(`check-package: ${problems.length} problem(s) in the package (electron-builder.yml decides what ships).`);
    return 1;
  }
  console.log('check-package: the package holds the built app and its run-time dependencies, and nothing else.');
  return 0;
}

async function main() {
  // `--inspect DIR`: only inspect an unpacked app folder made elsewhere (its resources/app.asar).
  const inspectAt = process.argv.indexOf('--inspect');
  if (inspectAt !== -1) {
    const dir = process.argv[inspectAt + 1];
    if (!dir) throw new Error('--inspect needs the unpacked app folder');
    return report(resolve(dir));
  }
  const keep = process.argv.includes('--keep');
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(ROOT, built))) {
      console.error(`check-package: ${built} is missing — run \`npm run build\` first.`);
      return 2;
    }
  }
  const temp = mkdtempSync(join(tmpdir(), 'recall-remote-package-'));
  try {
    standInElectron(join(temp, 'electron-dist'));
    runBuilder(join(temp, 'electron-dist'), join(temp, 'dist'));
    return report(join(temp, 'dist', 'linux-unpacked'));
  } finally {
    if (keep) console.log(`check-package: kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`check-package: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
