// Stand-ins for the Electron modules the adapters use (Tray, Menu, nativeImage, globalShortcut,
// Notification, safeStorage, app): they record every call so tests can check what the user
// would see, and can be told to behave like a given OS (a taken shortcut, no keyring…).
import type { MenuItemConstructorOptions } from 'electron';

type Handler = (...args: unknown[]) => unknown;

export class FakeImage {
  constructor(
    readonly path: string,
    private readonly empty = false,
  ) {}
  isEmpty(): boolean {
    return this.empty;
  }
}

export const nativeImageFake = {
  missing: new Set<string>(),
  createFromPath(path: string): FakeImage {
    return new FakeImage(path, nativeImageFake.missing.has(path));
  },
};

export class FakeMenu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}
  static buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    return new FakeMenu(template);
  }
  /** Finds an item by id, submenus included. */
  item(id: string, items: MenuItemConstructorOptions[] = this.template): MenuItemConstructorOptions | undefined {
    for (const entry of items) {
      if (entry.id === id) return entry;
      if (Array.isArray(entry.submenu)) {
        const found = this.item(id, entry.submenu);
        if (found) return found;
      }
    }
    return undefined;
  }
  /** The user clicks the item (the adapters ignore Electron's click arguments). */
  click(id: string): void {
    const click = this.item(id)?.click;
    if (!click) throw new Error(`menu item ${id} has no click handler`);
    Reflect.apply(click, undefined, []);
  }
}

export class FakeTray {
  static created: FakeTray[] = [];
  readonly calls: string[] = [];
  readonly handlers = new Map<string, Handler>();
  image: FakeImage;
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(image: FakeImage) {
    this.image = image;
    FakeTray.created.push(this);
  }
  setImage(image: FakeImage): void {
    this.calls.push('setImage');
    this.image = image;
  }
  setToolTip(text: string): void {
    this.calls.push('setToolTip');
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu): void {
    this.calls.push('setContextMenu');
    this.menu = menu;
  }
  popUpContextMenu(): void {
    this.calls.push('popUpContextMenu');
  }
  on(event: string, handler: Handler): this {
    this.handlers.set(event, handler);
    return this;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** globalShortcut as the OS would answer: `taken` keys return false, `refused` ones throw. */
export const globalShortcutFake = {
  held: new Map<string, () => void>(),
  taken: new Set<string>(),
  refused: new Set<string>(),
  suspended: false,
  unregistered: [] as string[],
  reset(): void {
    this.held.clear();
    this.taken.clear();
    this.refused.clear();
    this.unregistered.length = 0;
    this.suspended = false;
  },
  register(accelerator: string, callback: () => void): boolean {
    if (globalShortcutFake.refused.has(accelerator)) throw new Error(`Failed to parse accelerator: ${accelerator}`);
    if (globalShortcutFake.suspended || globalShortcutFake.taken.has(accelerator)) return false;
    globalShortcutFake.held.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    globalShortcutFake.unregistered.push(accelerator);
    globalShortcutFake.held.delete(accelerator);
  },
  unregisterAll(): void {
    throw new Error('unregisterAll would also drop shortcuts registered by other parts of the app');
  },
  setSuspended(value: boolean): void {
    globalShortcutFake.suspended = value;
  },
  /** The user presses the keys. */
  press(accelerator: string): void {
    const callback = globalShortcutFake.held.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  },
};

export interface NotificationOptionsSeen {
  title: string;
  body: string;
  silent?: boolean;
  urgency?: string;
}

export class FakeNotification {
  static supported = true;
  static created: FakeNotification[] = [];
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  readonly handlers = new Map<string, Handler>();
  shown = false;
  closed = false;
  constructor(readonly options: NotificationOptionsSeen) {
    FakeNotification.created.push(this);
  }
  on(event: string, handler: Handler): this {
    this.handlers.set(event, handler);
    return this;
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
    this.handlers.get('close')?.();
  }
  /** On screen: shown and not closed since. */
  static visible(): FakeNotification[] {
    return FakeNotification.created.filter((n) => n.shown && !n.closed);
  }
}

/**
 * safeStorage with a reversible, obviously-not-clear "encryption" (bytes reversed and XORed),
 * switchable backend and availability.
 */
export const safeStorageFake = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  failDecrypt: false,
  rotate: false,
  encryptCalls: 0,
  reset(): void {
    this.available = true;
    this.backend = 'gnome_libsecret';
    this.failDecrypt = false;
    this.rotate = false;
    this.encryptCalls = 0;
  },
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(safeStorageFake.available);
  },
  getSelectedStorageBackend() {
    return safeStorageFake.backend;
  },
  encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!safeStorageFake.available) return Promise.reject(new Error('Encryption is not available.'));
    safeStorageFake.encryptCalls++;
    return Promise.resolve(Buffer.from(Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a).reverse()));
  },
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    if (safeStorageFake.failDecrypt) return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
    const plain = Buffer.from(Buffer.from(encrypted).reverse().map((b) => b ^ 0x5a)).toString('utf8');
    return Promise.resolve({ result: plain, shouldReEncrypt: safeStorageFake.rotate });
  },
};

/** app.commandLine as Chromium keeps it: the last value of a switch wins. */
export class FakeCommandLine {
  readonly appended: Array<[string, string | undefined]> = [];
  private readonly switches = new Map<string, string>();
  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.switches.set(name, value);
  }
  appendSwitch(name: string, value?: string): void {
    this.appended.push([name, value]);
    this.switches.set(name, value ?? '');
  }
  hasSwitch(name: string): boolean {
    return this.switches.has(name);
  }
  getSwitchValue(name: string): string {
    return this.switches.get(name) ?? '';
  }
}

export const appFake = {
  isPackaged: true,
  loginItem: { openAtLogin: false, status: 'not-registered' as string },
  /** What the OS does with a request: 'obey', 'ignore' or 'approval' (macOS asks the user). */
  loginBehaviour: 'obey' as 'obey' | 'ignore' | 'approval',
  setCalls: [] as Array<{ openAtLogin?: boolean }>,
  reset(): void {
    this.isPackaged = true;
    this.loginItem = { openAtLogin: false, status: 'not-registered' };
    this.loginBehaviour = 'obey';
    this.setCalls.length = 0;
  },
  getLoginItemSettings() {
    return { ...appFake.loginItem, wasOpenedAtLogin: false, executableWillLaunchAtLogin: appFake.loginItem.openAtLogin, launchItems: [] };
  },
  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    appFake.setCalls.push(settings);
    if (appFake.loginBehaviour === 'ignore') return;
    if (appFake.loginBehaviour === 'approval' && settings.openAtLogin) {
      appFake.loginItem = { openAtLogin: false, status: 'requires-approval' };
      return;
    }
    appFake.loginItem = { openAtLogin: settings.openAtLogin ?? false, status: settings.openAtLogin ? 'enabled' : 'not-registered' };
  },
};
