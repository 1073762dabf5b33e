import { describe, expect, it } from 'vitest';
import { defaultDownloadDir, type DownloadDirDeps } from '../../../electron/core/downloads';

function deps(over: Partial<DownloadDirDeps> & { dirs: string[]; files?: Record<string, string> }): DownloadDirDeps {
  return {
    platform: 'linux',
    env: {},
    homedir: '/home/ada',
    isDirectory: async (p) => over.dirs.includes(p),
    readText: async (p) => over.files?.[p] ?? null,
    ...over,
  };
}

describe('defaultDownloadDir', () => {
  it('prefers the XDG videos folder from user-dirs.dirs', async () => {
    const d = deps({
      dirs: ['/home/ada/Vidéos', '/home/ada/Videos', '/home/ada/Downloads'],
      files: { '/home/ada/.config/user-dirs.dirs': 'XDG_DOWNLOAD_DIR="$HOME/Téléchargements"\nXDG_VIDEOS_DIR="$HOME/Vidéos"\n' },
    });
    expect(await defaultDownloadDir(d)).toBe('/home/ada/Vidéos');
  });

  it('falls back to ~/Videos, then Downloads, then home', async () => {
    expect(await defaultDownloadDir(deps({ dirs: ['/home/ada/Videos', '/home/ada/Downloads'] }))).toBe('/home/ada/Videos');
    expect(await defaultDownloadDir(deps({ dirs: ['/home/ada/Downloads'] }))).toBe('/home/ada/Downloads');
    expect(await defaultDownloadDir(deps({ dirs: [] }))).toBe('/home/ada');
  });

  it('uses Movies on macOS and the profile folders on Windows', async () => {
    expect(await defaultDownloadDir(deps({ platform: 'darwin', homedir: '/Users/ada', dirs: ['/Users/ada/Movies'] }))).toBe('/Users/ada/Movies');
    const win = deps({ platform: 'win32', homedir: 'C:\\Users\\ada', env: { USERPROFILE: 'C:\\Users\\ada' }, dirs: ['C:\\Users\\ada\\Downloads'] });
    expect(await defaultDownloadDir(win)).toBe('C:\\Users\\ada\\Downloads');
  });

  it('ignores a user-dirs entry that points at home itself', async () => {
    const d = deps({ dirs: ['/home/ada/Downloads'], files: { '/home/ada/.config/user-dirs.dirs': 'XDG_VIDEOS_DIR="$HOME/"\n' } });
    expect(await defaultDownloadDir(d)).toBe('/home/ada/Downloads');
  });
});
