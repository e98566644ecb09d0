import type { CliCommand } from '../command.ts';

/**
 * Every subcommand, in the order `rectify --help` lists them. Each is loaded only when it runs, so a
 * command pays for its own dependencies only (`convert` never opens the workbook or loads exceljs).
 */
const registry: [name: string, load: () => Promise<CliCommand>][] = [
  ['list', async () => (await import('./plans.ts')).listCommand],
  ['show', async () => (await import('./plans.ts')).showCommand],
  ['new', async () => (await import('./plans.ts')).newCommand],
  ['delete', async () => (await import('./plans.ts')).deleteCommand],
  ['search', async () => (await import('./workbench.ts')).searchCommand],
  ['due', async () => (await import('./workbench.ts')).dueCommand],
  ['measures', async () => (await import('./progress.ts')).measuresCommand],
  ['status', async () => (await import('./progress.ts')).statusCommand],
  ['attach', async () => (await import('./evidence.ts')).attachCommand],
  ['verify', async () => (await import('./evidence.ts')).verifyCommand],
  ['doctor', async () => (await import('./maintenance.ts')).doctorCommand],
  ['backup', async () => (await import('./backup.ts')).backupCommand],
  ['backups', async () => (await import('./backup.ts')).backupsCommand],
  ['restore', async () => (await import('./backup.ts')).restoreCommand],
  ['ledger', async () => (await import('./progress.ts')).ledgerCommand],
  ['report', async () => (await import('./progress.ts')).reportCommand],
  ['evidence', async () => (await import('./evidence.ts')).evidencePackageCommand],
  ['forms', async () => (await import('./forms.ts')).formsCommand],
  ['collect', async () => (await import('./forms.ts')).collectCommand],
  ['pack', async () => (await import('./exchange.ts')).packCommand],
  ['unpack', async () => (await import('./exchange.ts')).unpackCommand],
  ['parse', async () => (await import('./import.ts')).parseCommand],
  ['import', async () => (await import('./import.ts')).importCommand],
  ['export', async () => (await import('./export.ts')).exportCommand],
  ['convert', async () => (await import('./export.ts')).convertCommand],
  ['templates', async () => (await import('./drafting.ts')).templatesCommand],
  ['draft', async () => (await import('./drafting.ts')).draftCommand],
  ['check', async () => (await import('./drafting.ts')).checkCommand],
];

export const COMMAND_NAMES: readonly string[] = registry.map(([name]) => name);

export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const entry = registry.find(([n]) => n === name);
  return entry ? entry[1]() : undefined;
}

export async function loadAllCommands(): Promise<CliCommand[]> {
  return Promise.all(registry.map(([, load]) => load()));
}
