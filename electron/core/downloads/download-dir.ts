// The default download folder outside Electron (the CLI): the OS videos folder when it exists,
// else Downloads, else the home folder. Electron passes app.getPath('videos') instead.
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export interface DownloadDirDeps {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  isDirectory(path: string): Promise<boolean>;
  /** Text of a file, or null when unreadable. */
  readText(path: string): Promise<string | null>;
}

export const nodeDownloadDirDeps: DownloadDirDeps = {
  platform: process.platform,
  env: process.env,
  homedir: homedir(),
  async isDirectory(path) {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  },
  async readText(path) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return null;
    }
  },
};

/** Reads `XDG_<NAME>_DIR="$HOME/..."` from the XDG user-dirs file (freedesktop.org spec). */
function userDir(text: string | null, name: string, home: string): string | null {
  if (text === null) return null;
  const match = new RegExp(`^\\s*XDG_${name}_DIR\\s*=\\s*"([^"]*)"`, 'm').exec(text);
  const value = match?.[1];
  if (value === undefined || value === '' || value === '$HOME' || value === '$HOME/') return null;
  const expanded = value.replace(/^\$HOME(?=\/|$)/, home);
  return posix.isAbsolute(expanded) ? expanded : null;
}

export async function defaultDownloadDir(deps: DownloadDirDeps = nodeDownloadDirDeps): Promise<string> {
  const home = deps.homedir;
  let candidates: Array<string | null>;
  if (deps.platform === 'win32') {
    const profile = deps.env['USERPROFILE'] || home;
    candidates = [win32.join(profile, 'Videos'), win32.join(profile, 'Downloads')];
  } else if (deps.platform === 'darwin') {
    candidates = [posix.join(home, 'Movies'), posix.join(home, 'Downloads')];
  } else {
    const configHome = deps.env['XDG_CONFIG_HOME'] || posix.join(home, '.config');
    const dirs = await deps.readText(posix.join(configHome, 'user-dirs.dirs'));
    candidates = [
      deps.env['XDG_VIDEOS_DIR'] || userDir(dirs, 'VIDEOS', home),
      posix.join(home, 'Videos'),
      deps.env['XDG_DOWNLOAD_DIR'] || userDir(dirs, 'DOWNLOAD', home),
      posix.join(home, 'Downloads'),
    ];
  }
  for (const candidate of candidates) {
    if (candidate !== null && (await deps.isDirectory(candidate))) return candidate;
  }
  return home;
}
