import { describe, expect, it } from 'vitest';
import { defaultExportSettings, ExportSettingsPatchSchema, resolveExportSettings } from '../../../shared/domain/export-settings.ts';

describe('export settings', () => {
  it('defaults follow the standard and documented practice', () => {
    const s = defaultExportSettings();
    expect(s.fontProfile).toBe('windows');
    expect(s.latinFont).toBe('Times New Roman');
    expect(s.boldLeadSentence).toBe(true);
    expect(s.responsibilityLine).toBe(true);
    expect(s.level3Numbering).toBeNull();
    expect(s.seal).toBe(false);
    expect(s.ledger).toBe(true);
    expect(s.ledgerColumns).toEqual(['index', 'problem', 'measure', 'leader', 'department', 'deadline', 'remark']);
    expect(s.ledgerFontSize).toBe(24);
    expect(s.ledgerPageNumbers).toBe('rotated');
    expect([s.boldLevel2, s.pageNumberSpaces, s.mirrorMargins]).toEqual([false, true, false]);
  });

  it('layers remembered settings under a patch, and a broken stored value falls back to its default', () => {
    const stored = { fontProfile: 'xinchuang', seal: 'yes', ledgerColumns: ['index', 'nonsense'] };
    const s = resolveExportSettings(stored, { ledger: false });
    expect(s.fontProfile).toBe('xinchuang');
    expect(s.seal).toBe(false);
    expect(s.ledgerColumns).toEqual(defaultExportSettings().ledgerColumns);
    expect(s.ledger).toBe(false);
  });

  it('a patch fills in no defaults and rejects bad values in Chinese', () => {
    expect(ExportSettingsPatchSchema.parse({ seal: true })).toEqual({ seal: true });
    const bad = ExportSettingsPatchSchema.safeParse({ ledgerColumns: ['index'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('台账至少需要两列');
  });
});
