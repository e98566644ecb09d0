import type { CoverNotice, PlanDocument } from './document.ts';

/**
 * The 印发通知 as it is printed: what the plan's notice says, and for everything it leaves empty what
 * practice writes — `{落款}关于印发《{方案标题}》的通知`, 主送 and 落款 as the plan's, one sentence of
 * body, the 成文日期 of the plan. The export dialog shows these defaults as the fields' placeholders.
 */

function clean(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  return t === '' ? null : t;
}

/** The plan title inside 《》: without a final mark (a 公文 title ends without one). */
function planTitle(doc: Pick<PlanDocument, 'title'>): string {
  return doc.title.trim().replace(/[。．.，,；;：:！!？?、\s]+$/u, '');
}

/** 中共××局党组关于印发《…整改方案》的通知 (without an organ: 关于印发《…》的通知). */
export function defaultNoticeTitle(issuer: string | null, title: string): string {
  return `${clean(issuer) ?? ''}关于印发《${planTitle({ title })}》的通知`;
}

export function defaultNoticeBody(title: string): string {
  return `现将《${planTitle({ title })}》印发给你们，请结合实际认真抓好落实。`;
}

/** The notice to print for a plan: its own fields, the practice defaults where they are empty. */
export function effectiveNotice(doc: Pick<PlanDocument, 'title' | 'addressee' | 'issuer' | 'date' | 'notice'>): CoverNotice {
  const n = doc.notice ?? null;
  const issuer = clean(n?.issuer) ?? clean(doc.issuer);
  const body = (n?.body ?? []).map((p) => p.trim()).filter((p) => p !== '');
  return {
    title: clean(n?.title) ?? defaultNoticeTitle(issuer, doc.title),
    addressee: clean(n?.addressee) ?? clean(doc.addressee),
    body: body.length > 0 ? body : [defaultNoticeBody(doc.title)],
    issuer,
    date: clean(n?.date) ?? clean(doc.date),
  };
}
