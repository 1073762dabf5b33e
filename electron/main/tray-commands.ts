// Routes a clicked tray menu item: recording actions and bot switches go to the core (which
// reports refusals and failures to the user); the window, Settings and Quit are the shell's.
import type { TrayCommand } from '../core/tray';
import type { Core } from '../core/app';
import type { WindowView } from './window';

export interface TrayCommandPorts {
  core: Pick<Core, 'trayAction'>;
  showWindow(view: WindowView): void;
  quit(): void;
  log(message: string): void;
}

export function routeTrayCommand(command: TrayCommand, ports: TrayCommandPorts): void {
  switch (command.kind) {
    case 'press':
    case 'select-bot':
      ports.core.trayAction(command).catch((error: unknown) => ports.log(`tray ${command.kind} failed: ${error instanceof Error ? error.message : String(error)}`));
      return;
    case 'open-window':
      ports.showWindow('main');
      return;
    case 'settings':
      ports.showWindow('settings');
      return;
    case 'quit':
      ports.quit();
      return;
  }
}
