import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../electron/services/store/database.ts';
import { blobPath } from '../../../electron/services/evidence/blob-store.ts';

/**
 * A workbook as an earlier version of the program left it: real data in every table that existed at
 * schema version `version`, written with plain SQL against that schema (the services of today write the
 * newest one). Evidence files are put in the store under their true hashes.
 *
 * Plan p1 has a section, two measures (one with a status history, a 销号 and evidence) and a third
 * measure that was deleted with its evidence before the upgrade: the deletion is the newest undo step,
 * so undoing it after the upgrade must bring the measure, its attachment and its file back.
 */

const T0 = '2025-12-01T08:00:00.000Z';
const T1 = '2025-12-02T09:30:00.000Z';

export const EVIDENCE = {
  minutes: Buffer.from('党委理论学习中心组学习会议纪要（2025年第12次）'),
  photo: Buffer.from('专题研讨现场照片（模拟的 JPEG 字节）'),
};

export function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

function putBlob(dataDir: string, bytes: Buffer): string {
  const hash = sha(bytes);
  const file = blobPath(dataDir, hash);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return hash;
}

const templateBody = readFileSync(fileURLToPath(new URL('../../../resources/templates/shenji.json', import.meta.url)), 'utf8');

function nodeRow(id: string, parent: string | null, position: number, kind: string, heading: string, body: string[]) {
  return { id, plan_id: 'p1', parent_id: parent, position, kind, heading, body: JSON.stringify(body), style: '{}' };
}

function measureRow(nodeId: string, extra: Record<string, unknown> = {}) {
  return {
    node_id: nodeId,
    leader: '党委书记',
    department: '党委办公室',
    cooperating: JSON.stringify(['组织人事处']),
    person: '张某某',
    deadline_raw: '2026年3月底前',
    deadline_kind: 'date',
    deadline_date: '2026-03-31',
    status: 'in_progress',
    status_text: null,
    closed_by: null,
    closed_on: null,
    ...extra,
  };
}

function insert(db: Db, table: string, row: Record<string, unknown>): void {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
}

export function seedOldWorkbook(db: Db, dataDir: string, version: number): void {
  const minutes = putBlob(dataDir, EVIDENCE.minutes);
  const photo = putBlob(dataDir, EVIDENCE.photo);
  db.transaction(() => {
    insert(db, 'plans', {
      id: 'p1',
      title: '中共某某局委员会关于巡察反馈意见的整改方案',
      kind: 'xunshi-xuncha',
      template_id: 'xunshi-xuncha',
      org: '某某局',
      year: 2025,
      addressee: '市委巡察办',
      issuer: '中共某某局委员会',
      doc_date: '2025年12月1日',
      preamble: JSON.stringify(['为认真落实市委第三巡察组反馈意见，制定本方案。']),
      attachments: JSON.stringify(['整改任务清单']),
      variables: JSON.stringify({ 单位: '某某局' }),
      settings: JSON.stringify({ level3Numbering: 'restart' }),
      status: 'tracking',
      version: 5,
      created_at: T0,
      updated_at: T1,
    });
    insert(db, 'nodes', nodeRow('s1', null, 0, 'section', '理论学习方面', []));
    insert(db, 'nodes', nodeRow('n1', 's1', 0, 'measure', '建立健全理论学习常态化机制。', ['每月至少组织一次集体学习。']));
    insert(db, 'nodes', nodeRow('n2', 's1', 1, 'measure', '开展专题研讨。', ['围绕巡察反馈问题开展专题研讨。']));
    insert(db, 'measures', measureRow('n1', { status: 'closed', closed_by: '党委书记 李某某', closed_on: '2025-12-20' }));
    insert(db, 'measures', measureRow('n2', { deadline_raw: '长期坚持', deadline_kind: 'long_term', deadline_date: null, status_text: '正在推进' }));
    insert(db, 'problems', { id: 'q1', plan_id: 'p1', key: 'P1', position: 0, category: '理论学习', text: '理论学习不够深入系统。' });
    insert(db, 'problem_measures', { problem_id: 'q1', node_id: 'n1' });
    insert(db, 'problem_measures', { problem_id: 'q1', node_id: 'n2' });
    insert(db, 'status_events', { id: 1, node_id: 'n1', kind: 'status', on_date: '2025-12-10', status: 'done', note: '已修订学习制度。', actor: '张某某', created_at: T0 });
    insert(db, 'status_events', { id: 2, node_id: 'n1', kind: 'close', on_date: '2025-12-20', status: 'closed', note: null, actor: '党委书记 李某某', created_at: T1 });
    insert(db, 'status_events', {
      id: 3,
      node_id: 'n2',
      kind: 'deadline',
      on_date: '2025-12-15',
      note: '需与年度计划衔接',
      old_deadline: '2025年12月底前',
      new_deadline: '长期坚持',
      actor: '张某某',
      created_at: T1,
    });
    insert(db, 'blobs', { sha256: minutes, size: EVIDENCE.minutes.length, mime: 'application/pdf', created_at: T0 });
    insert(db, 'blobs', { sha256: photo, size: EVIDENCE.photo.length, mime: 'image/jpeg', created_at: T0 });
    insert(db, 'attachments', {
      id: 'a1',
      node_id: 'n1',
      sha256: minutes,
      original_name: '学习会议纪要.pdf',
      type: '会议纪要',
      doc_date: '2025-12-10',
      note: '第12次集体学习',
      added_by: '张某某',
      added_at: T0,
      removed_at: null,
    });
    insert(db, 'templates', { id: 'tpl1', name: '本局审计整改方案', kind: 'shenji', description: '在内置模板基础上修改', body: templateBody, created_at: T0, updated_at: T1 });
    insert(db, 'phrases', { id: 1, kind: '', text: '坚持问题导向，以钉钉子精神抓好整改落实。', created_at: T0 });
    insert(db, 'people', { id: 1, name: '党委书记', use_count: 3 });
    insert(db, 'departments', { id: 1, name: '党委办公室', use_count: 4 });
    insert(db, 'revisions', {
      id: 1,
      plan_id: 'p1',
      created_at: T0,
      reason: '保存',
      snapshot: JSON.stringify({
        format: 1,
        version: 3,
        measureCount: 2,
        header: { title: '中共某某局委员会关于巡察反馈意见的整改方案', kind: 'xunshi-xuncha', addressee: '市委巡察办', issuer: null, date: null, preamble: [], attachments: [], settings: {}, variables: {} },
        problems: [{ id: 'q1', key: 'P1', category: '理论学习', text: '理论学习不够深入系统。' }],
        outline: [
          {
            id: 's1',
            kind: 'section',
            heading: '理论学习方面',
            body: [],
            style: {},
            measure: null,
            problemKeys: [],
            children: [],
          },
        ],
      }),
    });
    insert(db, 'settings', { key: 'ui', value: JSON.stringify({ lastPlan: 'p1' }) });

    if (version >= 2) {
      // The newest undo step: "删除节点" of measure n3 with its photo — the rows as they were before the
      // deletion. Before version 4 the attachment row went with the node (cascade); its blob stayed.
      const n3 = nodeRow('n3', 's1', 2, 'measure', '建立学习台账。', ['逐次记录学习内容和参加人员。']);
      const m3 = measureRow('n3', { status: 'not_started', deadline_raw: '立行立改', deadline_kind: 'immediate', deadline_date: null });
      const a3 = {
        id: 'a3',
        node_id: 'n3',
        sha256: photo,
        original_name: '研讨现场.jpg',
        type: '照片',
        doc_date: null,
        note: null,
        added_by: null,
        added_at: T0,
        removed_at: null,
      };
      const diff = [
        { t: 'nodes', k: JSON.stringify(['n3']), b: n3, a: null },
        { t: 'measures', k: JSON.stringify(['n3']), b: m3, a: null },
        { t: 'attachments', k: JSON.stringify(['a3']), b: a3, a: null },
      ];
      // An older step: the heading of n2 typed as 开展研讨。 → 开展专题研讨。
      const edit = [
        {
          t: 'nodes',
          k: JSON.stringify(['n2']),
          b: nodeRow('n2', 's1', 1, 'measure', '开展研讨。', ['围绕巡察反馈问题开展专题研讨。']),
          a: nodeRow('n2', 's1', 1, 'measure', '开展专题研讨。', ['围绕巡察反馈问题开展专题研讨。']),
        },
      ];
      insert(db, 'edit_history', { id: 1, plan_id: 'p1', label: '修改措施', merge_key: 'node:n2:heading', diff: JSON.stringify(edit), undone: 0, created_at: T0, updated_at: T0 });
      insert(db, 'edit_history', { id: 2, plan_id: 'p1', label: '删除节点', merge_key: null, diff: JSON.stringify(diff), undone: 0, created_at: T1, updated_at: T1 });
    }
    if (version >= 3) {
      insert(db, 'plans', { id: 'p2', title: '本局审计整改方案（修改模板）', kind: 'shenji', template_id: 'tpl1', created_at: T1, updated_at: T1 });
      insert(db, 'template_drafts', { plan_id: 'p2', template_id: 'tpl1', base_updated_at: T1, created_at: T1 });
    }
    if (version >= 6) {
      // A 进展填报表 issued to 党委办公室 and its returned row applied to n1.
      const fileName = '党委办公室_巡察反馈整改_进展填报表_20251220.xlsx';
      insert(db, 'forms', {
        id: 'f1',
        plan_id: 'p1',
        kind: 'progress',
        department: '党委办公室',
        issued_on: '2025-12-05',
        due_on: '2025-12-20',
        file_name: fileName,
        rows: JSON.stringify([{ id: 'n1', version: 'v1' }]),
        created_at: T1,
      });
      insert(db, 'form_returns', { id: 1, form_id: 'f1', plan_id: 'p1', row_key: 'n1', content_hash: 'h1', node_id: 'n1', version_after: 'v2', file_name: fileName, applied_at: T1 });
    }
  })();
}
