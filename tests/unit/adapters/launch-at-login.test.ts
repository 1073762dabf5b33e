// Launch at login: works through the OS on macOS/Windows and reports what the OS holds; Linux and
// development builds say clearly that it is unsupported and what to do instead.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appFake } from './electron-fakes';

vi.mock('electron', async () => {
  const fakes = await import('./electron-fakes');
  return { app: fakes.appFake };
});

const { createLaunchAtLogin, DEV_UNSUPPORTED, LINUX_UNSUPPORTED } = await import('../../../electron/main/adapters/launch-at-login');

beforeEach(() => appFake.reset());

describe('createLaunchAtLogin', () => {
  it('turns launch at login on and off on Windows and macOS, reading the result back', () => {
    for (const platform of ['win32', 'darwin']) {
      appFake.reset();
      const login = createLaunchAtLogin({ platform });
      expect(login.get()).toEqual({ supported: true, enabled: false, message: null });
      expect(login.set(true)).toEqual({ supported: true, enabled: true, message: null });
      expect(appFake.setCalls).toEqual([{ openAtLogin: true }]);
      expect(login.set(false)).toEqual({ supported: true, enabled: false, message: null });
    }
  });

  it('is unsupported on Linux, with where to do it instead, and never calls Electron', () => {
    const login = createLaunchAtLogin({ platform: 'linux' });
    expect(login.set(true)).toEqual({ supported: false, enabled: false, message: LINUX_UNSUPPORTED });
    expect(LINUX_UNSUPPORTED).toContain('startup applications');
    expect(appFake.setCalls).toEqual([]);
  });

  it('is unsupported in a development build (it would register the bare Electron binary)', () => {
    appFake.isPackaged = false;
    expect(createLaunchAtLogin({ platform: 'darwin' }).set(true)).toEqual({ supported: false, enabled: false, message: DEV_UNSUPPORTED });
    expect(appFake.setCalls).toEqual([]);
  });

  it('says when macOS waits for the user to approve the login item', () => {
    appFake.loginBehaviour = 'approval';
    const state = createLaunchAtLogin({ platform: 'darwin' }).set(true);
    expect(state).toMatchObject({ supported: true, enabled: false });
    expect(state.message).toContain('Login Items');
  });

  it('says when the OS ignored the change', () => {
    appFake.loginBehaviour = 'ignore';
    const state = createLaunchAtLogin({ platform: 'win32' }).set(true);
    expect(state).toMatchObject({ supported: true, enabled: false });
    expect(state.message).toBe('The system did not add the login item — check the OS login items settings');
  });
});
