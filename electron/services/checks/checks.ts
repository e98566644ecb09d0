import type { Db } from '../store/database.ts';
import type { CheckReport, EditResult } from '../../../shared/api/editor.ts';
import { countByRule, runChecks, type CheckablePlan } from '../../../shared/checks/rules.ts';
import { normalizePunctuation } from '../../../shared/text/punctuation.ts';
import { getPlan } from '../plans/plan-repository.ts';
import { listProblems } from '../outline/problems.ts';
import { editResult } from '../outline/outline-ops.ts';
import { editPlan } from '../history/edit.ts';
import { cached } from '../history/plan-state.ts';
import { getExportSettings } from '../export/settings-store.ts';

export function checkablePlan(db: Db, planId: string): CheckablePlan & { version: number } {
  const detail = getPlan(db, planId);
  return {
    version: detail.version,
    title: detail.title,
    addressee: detail.document.addressee,
    preamble: detail.document.preamble,
    attachments: detail.document.attachments,
    issuer: detail.document.issuer,
    date: detail.document.date,
    problems: listProblems(db, planId),
    outline: detail.outline,
    // What the next 导出 Word will print: its 发文字号, and for a 报告/请示 the 主送.
    issuance: getExportSettings(db, planId),
  };
}

export function runPlanChecks(db: Db, planId: string): CheckReport {
  const plan = checkablePlan(db, planId);
  const findings = runChecks(plan);
  return { planId, version: plan.version, findings, counts: countByRule(findings) };
}

/** 一键修正: full-width punctuation in every piece of prose (names and the verbatim deadline are left alone). */
export function fixPunctuation(db: Db, planId: string, expectedVersion: number): EditResult & { fixedCount: number } {
  let fixed = 0;
  const fix = (text: string): string => {
    const r = normalizePunctuation(text);
    fixed += r.changes;
    return r.text;
  };
  const fixList = (json: string): string => JSON.stringify((JSON.parse(json) as string[]).map(fix));
  const outcome = editPlan(db, { planId, expectedVersion, label: '修正半角标点' }, () => {
    const plan = cached(db, 'SELECT title, addressee, preamble, attachments FROM plans WHERE id = ?').get(planId) as {
      title: string;
      addressee: string | null;
      preamble: string;
      attachments: string;
    };
    const before = fixed;
    const next = {
      title: fix(plan.title),
      addressee: plan.addressee === null ? null : fix(plan.addressee),
      preamble: fixList(plan.preamble),
      attachments: fixList(plan.attachments),
    };
    if (fixed > before) {
      cached(db, 'UPDATE plans SET title = ?, addressee = ?, preamble = ?, attachments = ? WHERE id = ?').run(
        next.title,
        next.addressee,
        next.preamble,
        next.attachments,
        planId,
      );
    }
    const setNode = cached(db, 'UPDATE nodes SET heading = ?, body = ? WHERE id = ?');
    for (const n of cached(db, 'SELECT id, heading, body FROM nodes WHERE plan_id = ?').all(planId) as { id: string; heading: string; body: string }[]) {
      const at = fixed;
      const heading = fix(n.heading);
      const body = fixList(n.body);
      if (fixed > at) setNode.run(heading, body, n.id);
    }
    const setStatus = cached(db, 'UPDATE measures SET status_text = ? WHERE node_id = ?');
    for (const m of cached(
      db,
      'SELECT node_id, status_text FROM measures WHERE status_text IS NOT NULL AND node_id IN (SELECT id FROM nodes WHERE plan_id = ?)',
    ).all(planId) as { node_id: string; status_text: string }[]) {
      const at = fixed;
      const text = fix(m.status_text);
      if (fixed > at) setStatus.run(text, m.node_id);
    }
    const setProblem = cached(db, 'UPDATE problems SET text = ? WHERE id = ?');
    for (const p of cached(db, 'SELECT id, text FROM problems WHERE plan_id = ?').all(planId) as { id: string; text: string }[]) {
      const at = fixed;
      const text = fix(p.text);
      if (fixed > at) setProblem.run(text, p.id);
    }
  });
  return { ...editResult(db, planId, outcome, null), fixedCount: fixed };
}
