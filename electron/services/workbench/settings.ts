import type { Db } from '../store/database.ts';
import { DEFAULT_IMMEDIATE_DAYS } from '../../../shared/domain/due-date.ts';
import { WorkbenchSettingsSchema, type WorkbenchSettings } from '../../../shared/api/workbench.ts';

/**
 * Workbook-wide settings (the `settings` table, one JSON value per key). 立行立改 counts as due this
 * many days after the plan's date; every view that computes 逾期 reads it from here.
 */
const IMMEDIATE_DAYS = 'due.immediateDays';

export function readWorkbenchSettings(db: Db): WorkbenchSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(IMMEDIATE_DAYS) as { value: string } | undefined;
  let immediateDays = DEFAULT_IMMEDIATE_DAYS;
  if (row) {
    // A value that no longer reads as a number of days (edited by hand) falls back to the default.
    try {
      const parsed = WorkbenchSettingsSchema.shape.immediateDays.safeParse(JSON.parse(row.value));
      if (parsed.success) immediateDays = parsed.data;
    } catch {
      // keep the default
    }
  }
  return { immediateDays };
}

export function writeWorkbenchSettings(db: Db, settings: WorkbenchSettings): WorkbenchSettings {
  db.transaction(() => {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      IMMEDIATE_DAYS,
      JSON.stringify(settings.immediateDays),
    );
  })();
  return readWorkbenchSettings(db);
}
