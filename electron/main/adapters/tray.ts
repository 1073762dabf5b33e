// The tray model on Electron's Tray: icon file per state and platform (macOS template images,
// colour PNGs elsewhere; Electron picks the @2x sibling itself), tooltip, and a context menu on
// every platform (Linux shows nothing without one). Only what changed is set again, so the icon
// and an open menu do not flicker on every poll. Clicks go back as TrayCommands.
import { join } from 'node:path';
import { Menu, nativeImage, Tray } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { parseTrayMenuId } from '../../core/tray';
import type { TrayCommand, TrayIconId, TrayMenuItem, TrayModel } from '../../core/tray';

/**
 * The folder holding `tray/`: `<app path>/resources` in development; packaged,
 * electron-builder's extraResources copies resources/tray to `process.resourcesPath/tray`.
 */
export function trayResourcesDir(app: { isPackaged: boolean; getAppPath(): string }, resourcesPath: string = process.resourcesPath): string {
  return app.isPackaged ? resourcesPath : join(app.getAppPath(), 'resources');
}

/** The 1x icon file (see trayResourcesDir). */
export function trayIconPath(resourcesDir: string, iconId: TrayIconId, platform: string): string {
  return platform === 'darwin' ? join(resourcesDir, 'tray', 'mac', `${iconId}Template.png`) : join(resourcesDir, 'tray', `${iconId}.png`);
}

/** Electron's menu template for the model's items; a click reports the item's id. */
export function menuTemplate(items: readonly TrayMenuItem[], onClick: (id: string) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { id: item.id, type: 'separator' };
    const options: MenuItemConstructorOptions = {
      id: item.id,
      label: item.label,
      enabled: item.enabled,
      type: item.type ?? 'normal',
      click: () => onClick(item.id),
    };
    // Shown for reference only: the same keys are registered as global shortcuts already.
    if (item.accelerator !== undefined) {
      options.accelerator = item.accelerator;
      options.registerAccelerator = false;
    }
    if (item.checked !== undefined) options.checked = item.checked;
    if (item.submenu) options.submenu = menuTemplate(item.submenu, onClick);
    return options;
  });
}

export interface TrayAdapterOptions {
  /** See trayIconPath. */
  resourcesDir: string;
  initial: TrayModel;
  onCommand: (command: TrayCommand) => void;
  /** Default `process.platform`. */
  platform?: string;
  log?: (message: string) => void;
}

export interface TrayAdapter {
  /** Applies a new model; touches only the parts that changed. */
  update(model: TrayModel): void;
  dispose(): void;
}

export function createTrayAdapter(opts: TrayAdapterOptions): TrayAdapter {
  const platform = opts.platform ?? process.platform;
  const log = opts.log ?? (() => undefined);
  const image = (iconId: TrayIconId) => {
    const path = trayIconPath(opts.resourcesDir, iconId, platform);
    const loaded = nativeImage.createFromPath(path);
    if (loaded.isEmpty()) log(`tray icon missing or unreadable: ${path}`);
    return loaded;
  };
  const route = (id: string): void => {
    const command = parseTrayMenuId(id);
    if (command) opts.onCommand(command);
  };

  const tray = new Tray(image(opts.initial.iconId));
  let shown: { iconId: TrayIconId; tooltip: string; menuKey: string } = {
    iconId: opts.initial.iconId,
    tooltip: opts.initial.tooltip,
    menuKey: JSON.stringify(opts.initial.menu),
  };
  tray.setToolTip(opts.initial.tooltip);
  tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(opts.initial.menu, route)));
  // Windows opens a tray menu on right-click only; a tray-only app should answer a left click too.
  if (platform === 'win32') tray.on('click', () => tray.popUpContextMenu());
  let disposed = false;

  return {
    update(model) {
      if (disposed) return;
      const menuKey = JSON.stringify(model.menu);
      if (model.iconId !== shown.iconId) tray.setImage(image(model.iconId));
      if (model.tooltip !== shown.tooltip) tray.setToolTip(model.tooltip);
      if (menuKey !== shown.menuKey) tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model.menu, route)));
      shown = { iconId: model.iconId, tooltip: model.tooltip, menuKey };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      tray.destroy();
    },
  };
}
