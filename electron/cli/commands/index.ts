import type { CliCommand } from '../command.ts';
import { deleteCommand, listCommand, newCommand, showCommand } from './plans.ts';
import { ledgerCommand, measuresCommand, reportCommand, statusCommand } from './progress.ts';
import { attachCommand, evidencePackageCommand, verifyCommand } from './evidence.ts';
import { importCommand, parseCommand } from './import.ts';
import { convertCommand, exportCommand } from './export.ts';
import { checkCommand, draftCommand, templatesCommand } from './drafting.ts';

/** Every subcommand, in the order `rectify --help` lists them. Later features add theirs here. */
export const commands: CliCommand[] = [
  listCommand,
  showCommand,
  newCommand,
  deleteCommand,
  measuresCommand,
  statusCommand,
  attachCommand,
  verifyCommand,
  ledgerCommand,
  reportCommand,
  evidencePackageCommand,
  parseCommand,
  importCommand,
  exportCommand,
  convertCommand,
  templatesCommand,
  draftCommand,
  checkCommand,
];
