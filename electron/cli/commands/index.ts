// The command table of recall-remote. Adding a command = one file in this folder exporting a
// CommandSpec, plus ONE entry below; help, parsing and dispatch pick it up from here.
import type { CommandSpec } from '../command';
import { botCreate, botList, botShow } from './bot';
import { controlCommands } from './control';
import { download } from './download';
import { exportCommand } from './export';
import { sandbox } from './sandbox';
import { segments } from './segments';
import { status } from './status';

export const COMMANDS: readonly CommandSpec[] = [
  botCreate,
  botList,
  botShow,
  status,
  ...controlCommands,
  segments,
  download,
  exportCommand,
  sandbox,
  // Register further commands here, one entry each.
];
