import type { PlanDocument } from '../../../shared/domain/document.ts';
import type { ExportSettings } from '../../../shared/domain/export-settings.ts';
import { docNumberProblems, isUpward, officeOf, splitOrganMark } from '../../../shared/domain/issuance.ts';
import { effectiveNotice } from '../../../shared/domain/cover-notice.ts';
import type { LedgerTable } from '../../../shared/ledger/index.ts';
import type { DocNode } from '../../../shared/domain/document.ts';
import {
  addresseeBlock,
  appendTail,
  bodyBlock,
  buildPlanLayout,
  documentDate,
  signatureBlocks,
  titleBlocks,
  typesetter,
  type Block,
  type PlanLayout,
} from './blocks.ts';
import { layoutLetterhead, type LetterheadLayout } from './letterhead.ts';
import { layoutColophon, type ColophonLayout } from './colophon.ts';

/**
 * The document as it is issued (GB/T 9704-2012 §7): the optional 版头 above the first title, the
 * optional 印发通知 as the first document with the plan behind it from a new page, the plan (with its
 * ledger appendix), and the optional 版记 on its own last page. Without any 发文设置 this is exactly
 * the plan's layout.
 */
export interface IssuedLayout extends PlanLayout {
  letterhead: LetterheadLayout | null;
  colophon: ColophonLayout | null;
  /** Blocks before this index are the 印发通知 */
  planStart: number;
}

export interface IssueOptions {
  /** The ledger to attach instead of the one built from the outline (the report's tracking ledger) */
  ledgerTable?: LedgerTable<DocNode>;
}

export function buildIssuedLayout(doc: PlanDocument, settings: ExportSettings, options: IssueOptions = {}): IssuedLayout {
  const withNotice = settings.docType === 'notice';
  const upward = isUpward(settings.docType);
  const notice = withNotice ? effectiveNotice(doc) : null;
  // With a notice the notice carries the 主送 and (unless asked) the 落款; a 报告/请示 may name its superior organ.
  const planDoc: PlanDocument = {
    ...doc,
    addressee: withNotice ? null : (settings.addressee ?? doc.addressee),
  };
  const planSettings: ExportSettings = withNotice ? { ...settings, showSignature: settings.showSignature && settings.planSignatureWithNotice } : settings;
  const plan = buildPlanLayout(planDoc, planSettings);
  if (plan.appendix && options.ledgerTable) plan.appendix = { ...plan.appendix, table: options.ledgerTable };

  const warnings: string[] = [];
  const t = typesetter(warnings);
  const blocks: Block[] = [];
  if (notice) {
    blocks.push(...titleBlocks(notice.title, null, t, '通知标题'));
    if (notice.addressee) blocks.push(addresseeBlock(notice.addressee, t));
    for (const p of notice.body) blocks.push(bodyBlock(t.norm(p)));
    const issuer = notice.issuer ? t.norm(notice.issuer) : null;
    appendTail(blocks, settings.showSignature ? signatureBlocks(issuer, documentDate(notice.date, t, '通知的成文日期'), settings.seal) : []);
    if (!notice.issuer) warnings.push('印发通知没有落款（发文机关署名）。');
  }
  const planStart = blocks.length;
  plan.blocks.forEach((b, i) => blocks.push(i === 0 && notice ? { ...b, pageBreakBefore: true } : b));
  warnings.push(...plan.warnings);

  // The 落款 that names the organ: the notice's when there is one.
  const issuer = (notice ? notice.issuer : doc.issuer)?.trim() || null;
  let letterhead: LetterheadLayout | null = null;
  if (settings.letterhead !== 'none') {
    let organs = settings.organs.map((o) => splitOrganMark(o, settings.organSuffix).organ).filter((o) => o !== '');
    if (organs.length === 0 && issuer) organs = [issuer];
    if (organs.length === 0) warnings.push('没有发文机关标志：请在发文设置中填写发文机关，或给方案填写落款。');
    if (settings.signers.length > 0 && !upward) warnings.push('签发人只在上行文（报告、请示）的版头中标注，已略去。');
    if (upward && settings.signers.length === 0) warnings.push('上行文应标注签发人，请在发文设置中填写。');
    for (const p of docNumberProblems(settings.docNumber ?? '')) warnings.push(`发文字号“${settings.docNumber}”：${p}。`);
    if (!settings.docNumber) warnings.push('版头中没有发文字号。');
    letterhead = layoutLetterhead({
      mode: settings.letterhead,
      copyNumber: settings.copyNumber,
      secrecy: settings.secrecy,
      urgency: settings.urgency,
      organs: organs.map((o) => t.norm(o)),
      suffix: settings.organSuffix,
      docNumber: settings.docNumber,
      signers: upward ? settings.signers : [],
      upward,
    });
    warnings.push(...letterhead.warnings);
  }

  let colophon: ColophonLayout | null = null;
  if (settings.colophon) {
    const printedBy = settings.printedBy ?? (issuer ? officeOf(issuer) : null);
    if (!printedBy) warnings.push('版记没有印发机关：请在发文设置中填写，或给方案填写落款。');
    const dateSource = settings.printedOn ?? (notice ? notice.date : doc.date);
    const printedOn = documentDate(dateSource, t, '印发日期');
    if (!printedOn) warnings.push('版记没有印发日期：请填写印发日期或成文日期。');
    colophon = layoutColophon({ cc: settings.cc ? t.norm(settings.cc) : null, printedBy: printedBy ? t.norm(printedBy) : '', printedOn });
  }
  if (t.changes > 0) warnings.push(`印发通知和版记中已将${t.changes}处标点改为规范的全角形式。`);
  return {
    blocks,
    appendix: plan.appendix,
    warnings,
    punctuationChanges: plan.punctuationChanges + t.changes,
    letterhead,
    colophon,
    planStart,
  };
}
