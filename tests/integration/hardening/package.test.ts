// The packaging check (scripts/check-package.mjs): electron-builder `--linux dir` with a stand-in
// Electron builds the app here, and its app.asar holds the built app and main's run-time
// dependencies only. The inspector is also shown a bad package, so a check that passes
// everything would fail here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCRIPT = join(ROOT, 'scripts/check-package.mjs');

function runCheck(args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, RECALL_API_KEY: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let temp: string;
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'rr-package-test-'));
  if (!['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) => existsSync(join(ROOT, f)))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 240_000 });
  }
}, 300_000);
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function files(root: string, tree: Record<string, string>): Promise<void> {
  for (const [path, body] of Object.entries(tree)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), body);
  }
}

describe('the package inspector', () => {
  it('refuses a package with tests, a source map, a published .env, a missing dependency and an unused one', async () => {
    const app = join(temp, 'bad-app');
    await files(app, {
      'package.json': JSON.stringify({ name: 'recall-remote', main: 'out/main/index.js' }),
      'out/main/index.js': 'import { z } from "zod";\nimport Store from "electron-store";\nimport { app } from "electron";\nconst ff = createRequire(import.meta.url)("ffmpeg-static-thing");\n',
      'out/main/index.js.map': '{}',
      'out/preload/index.cjs': 'const electron = require("electron");\nconst fs = require("fs-extra");\n',
      'out/renderer/index.html': '<script type="module" src="./assets/missing.js"></script>',
      'tests/unit/app.test.js': 'test()',
      'node_modules/zod/package.json': JSON.stringify({ name: 'zod', dependencies: {} }),
      'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad' }),
      'node_modules/left-pad/.env': 'NPM_CONFIG_TOKEN=00000000-0000-0000-0000-000000000000\n',
    });
    const unpacked = join(temp, 'bad-unpacked');
    await mkdir(join(unpacked, 'resources'), { recursive: true });
    await createPackage(app, join(unpacked, 'resources', 'app.asar'));

    const { code, stderr } = runCheck(['--inspect', unpacked]);
    expect(code).toBe(1);
    for (const problem of [
      'the executable recall-remote (linux.executableName) is missing',
      '/out/main/index.js.map: a source map must not ship',
      '/tests/unit/app.test.js: a source or repository folder must not ship',
      '/node_modules/left-pad/.env: an .env file must not ship',
      '/node_modules/left-pad/.env contains an npm token assignment',
      'electron-store (needed by out/main) is not in app.asar',
      'ffmpeg-static-thing (needed by out/main) is not in app.asar',
      'node_modules/left-pad ships but nothing in out/main needs it at run time',
      'the sandboxed preload requires "fs-extra"',
      'out/renderer/index.html loads ./assets/missing.js, which is not in app.asar',
      `/node_modules/@ffmpeg-installer/${process.platform}-${process.arch}/ffmpeg is not in the package`,
    ]) {
      expect(stderr).toContain(problem);
    }
  });
});

describe('electron-builder --linux dir with a stand-in Electron', () => {
  it('packages the built app with its run-time dependencies, the ffmpeg unpacked, and nothing else', () => {
    const { code, stdout, stderr } = runCheck([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const runtime = /run-time packages: (.*)$/m.exec(stdout)?.[1]?.split(', ') ?? [];
    expect(runtime).toEqual(expect.arrayContaining(['zod', 'electron-store', 'electron-log', '@ffmpeg-installer/ffmpeg', `@ffmpeg-installer/${process.platform}-${process.arch}`]));
    // React and the virtual list are bundled into out/renderer: main never loads them.
    expect(runtime).not.toContain('react');
    expect(runtime).not.toContain('react-dom');
  }, 240_000);
});
