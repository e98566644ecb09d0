import type { HandlerTable } from '../context.ts';
import type { exportContract } from '../../../shared/api/export.ts';
import { resolveExportSettings } from '../../../shared/domain/export-settings.ts';
import { getPlanDocument } from '../plans/plan-repository.ts';
import { exportLedgerDocx, exportPlanDocx } from './export-plan.ts';
import { getExportSettings, saveExportSettings } from './settings-store.ts';
import { buildPreview } from './preview.ts';
import { FONT_PROFILES_BY_ID, profileFaces } from './fonts.ts';
import { installedFamilies, isInstalled } from './installed-fonts.ts';
import { createRevision } from '../revisions/revisions.ts';
import { taskSteps } from '../task-steps.ts';
import { reportExportInputs } from '../progress/exports.ts';
import type { Db } from '../store/database.ts';
import type { ExportSettingsPatch } from '../../../shared/domain/export-settings.ts';
import type { CoverNotice } from '../../../shared/domain/document.ts';
import type { SettingsTarget } from '../../../shared/api/export.ts';

/** What a preview or an export is made from: the stored plan (with the notice being edited), or its report. */
function sources(db: Db, input: { planId: string; settings?: ExportSettingsPatch | undefined; notice?: CoverNotice | null | undefined; target?: SettingsTarget | undefined }) {
  if (input.target === 'report') {
    const r = reportExportInputs(db, input.planId, undefined, input.settings);
    return { doc: r.document, settings: r.settings, options: { ledgerTable: r.ledgerTable } };
  }
  const stored = getPlanDocument(db, input.planId);
  const doc = input.notice !== undefined ? { ...stored, notice: input.notice } : stored;
  return { doc, settings: getExportSettings(db, input.planId, input.settings), options: {} };
}

export const exportHandlers: HandlerTable<keyof typeof exportContract> = {
  'export.docx': async (input, ctx) => {
    const { db } = ctx;
    const step = taskSteps(ctx, 'export', 1);
    step('正在生成公文');
    // Keep the version that went out as a 导出前 revision (none is added while nothing changed),
    // so the secretary can always see exactly what was submitted.
    if (input.target !== 'report') createRevision(db, input.planId, '导出前');
    const { doc, settings, options } = sources(db, input);
    const r = await exportPlanDocx(doc, settings, options);
    step('已生成');
    return { fileName: r.fileName, dataBase64: r.data.toString('base64'), warnings: r.warnings };
  },
  'export.ledgerDocx': async ({ planId, settings }, { db }) => {
    const doc = getPlanDocument(db, planId);
    const r = await exportLedgerDocx(doc, getExportSettings(db, planId, settings));
    return { fileName: r.fileName, dataBase64: r.data.toString('base64'), warnings: r.warnings };
  },
  'export.getSettings': ({ planId, target }, { db }) => getExportSettings(db, planId, undefined, target),
  'export.saveSettings': ({ planId, settings, target }, { db }) => saveExportSettings(db, planId, settings, target),
  'export.preview': (input, { db }) => {
    const { doc, settings, options } = sources(db, input);
    return buildPreview(doc, settings, options);
  },
  'export.checkFonts': async ({ fontProfile, latinFont }) => {
    const settings = resolveExportSettings({ fontProfile, latinFont });
    const faces = profileFaces(FONT_PROFILES_BY_ID[settings.fontProfile], settings.latinFont);
    const families = await installedFamilies();
    if (!families) return { checked: false, missing: [], message: null };
    const missing = faces.filter((f) => !isInstalled(f, families));
    return {
      checked: true,
      missing,
      message:
        missing.length === 0
          ? null
          : `本机未安装字体：${missing.join('、')}。导出的文件仍写明这些字体，在装有这些字体的电脑上打开即可正确显示；在本机打开时 Word 会用其他字体代替，版式可能与公文要求不符。`,
    };
  },
};
