import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import { resolveExportSettings, type ExportSettings, type ExportSettingsPatch } from '../../../shared/domain/export-settings.ts';

// Export settings live in the plan's settings JSON under "export", beside the plan's own numbering
// flags. Saving them is not an edit of the plan's text: the version stays, so an open editor does
// not see a conflict.

function readSettingsJson(db: Db, planId: string): Record<string, unknown> {
  const row = db.prepare('SELECT settings FROM plans WHERE id = ?').get(planId) as { settings: string } | undefined;
  if (!row) throw new AppError('not_found', `找不到方案：${planId}`);
  try {
    const parsed = JSON.parse(row.settings) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function getExportSettings(db: Db, planId: string, patch?: ExportSettingsPatch): ExportSettings {
  return resolveExportSettings(readSettingsJson(db, planId).export, patch);
}

export function saveExportSettings(db: Db, planId: string, patch: ExportSettingsPatch): ExportSettings {
  return db.transaction(() => {
    const all = readSettingsJson(db, planId);
    const next = resolveExportSettings(all.export, patch);
    db.prepare('UPDATE plans SET settings = ? WHERE id = ?').run(JSON.stringify({ ...all, export: next }), planId);
    return next;
  })();
}
