// Minimal stand-ins for the Electron objects the adapters touch, shared by the mocked
// 'electron' module of each test: they record what the adapter configured so tests can act on it.
import type { WebPreferences } from 'electron';

type Handler = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly handlers = new Map<string, Handler[]>();
  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  once(event: string, handler: Handler): this {
    return this.on(event, handler);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.handlers.get(event) ?? []).map((handler) => handler(...args));
  }
}

export class FakeSession {
  requestHandler: Handler | null = null;
  checkHandler: Handler | null = null;
  setPermissionRequestHandler(handler: Handler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler): void {
    this.checkHandler = handler;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends FakeEmitter {
  readonly session = new FakeSession();
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: Handler | null = null;
  mainFrame: FakeFrame = { url: '', parent: null };
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: { webPreferences?: WebPreferences; width?: number; height?: number; show?: boolean };
  loaded: string | null = null;
  visible = false;
  destroyed = false;
  minimized = false;
  focused = false;

  constructor(options: FakeBrowserWindow['options']) {
    super();
    this.options = options;
    FakeBrowserWindow.created.push(this);
  }
  loadFile(path: string, options?: { hash?: string }): Promise<void> {
    this.loaded = `file:${path}${options?.hash ? `#${options.hash}` : ''}`;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** A cancellable Electron event. */
export function fakeEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}
