import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import { resolveExportSettings, type ExportSettings, type ExportSettingsPatch } from '../../../shared/domain/export-settings.ts';
import { ISSUANCE_KEYS, issuanceDefaultsForKind } from '../../../shared/domain/issuance.ts';
import type { SettingsTarget } from '../../../shared/api/export.ts';

// Export settings live in the plan's settings JSON under "export", beside the plan's own numbering
// flags; the 整改落实情况报告 made from the plan's tracking data keeps its own under "reportExport"
// (its 发文字号, 签发人, 主送 are not the plan's). Saving them is not an edit of the plan's text: the
// version stays, so an open editor does not see a conflict.

const KEYS: Record<SettingsTarget, string> = { plan: 'export', report: 'reportExport' };

function readPlan(db: Db, planId: string): { settings: Record<string, unknown>; kind: string } {
  const row = db.prepare('SELECT settings, kind FROM plans WHERE id = ?').get(planId) as { settings: string; kind: string } | undefined;
  if (!row) throw new AppError('not_found', `找不到方案：${planId}`);
  let settings: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(row.settings) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) settings = parsed as Record<string, unknown>;
  } catch {
    // unreadable settings: the defaults
  }
  return { settings, kind: row.kind };
}

/** The plan's own export settings without its 发文设置: what the report takes over (fonts, ledger size …). */
function withoutIssuance(layer: unknown): Record<string, unknown> {
  if (layer === null || typeof layer !== 'object') return {};
  const out = { ...(layer as Record<string, unknown>) };
  for (const key of ISSUANCE_KEYS) delete out[key];
  return out;
}

function layers(plan: { settings: Record<string, unknown>; kind: string }, target: SettingsTarget): unknown[] {
  if (target === 'report') return [withoutIssuance(plan.settings.export), issuanceDefaultsForKind('report'), plan.settings.reportExport];
  return [issuanceDefaultsForKind(plan.kind), plan.settings.export];
}

export function getExportSettings(db: Db, planId: string, patch?: ExportSettingsPatch, target: SettingsTarget = 'plan'): ExportSettings {
  return resolveExportSettings(...layers(readPlan(db, planId), target), patch);
}

export function saveExportSettings(db: Db, planId: string, patch: ExportSettingsPatch, target: SettingsTarget = 'plan'): ExportSettings {
  return db.transaction(() => {
    const plan = readPlan(db, planId);
    const next = resolveExportSettings(...layers(plan, target), patch);
    db.prepare('UPDATE plans SET settings = ? WHERE id = ?').run(JSON.stringify({ ...plan.settings, [KEYS[target]]: next }), planId);
    return next;
  })();
}
