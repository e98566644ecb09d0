// 导出方案包 / 导入方案包 (issue 11 item 4): a plan moves to another PC with its outline, problems, fields,
// status history, revisions and evidence; the same plan coming back is compared, and the user keeps both
// or takes the newer side; a package that fails its checks stores nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { unzipFile, zipToBuffer } from '../../helpers/zip.ts';
import { zipBombDocx } from '../../helpers/hostile-files.ts';
import { rejectionOf } from '../../helpers/rejection.ts';
import { seedPlan, type Seeded } from '../forms/fixture.ts';

async function open(dir = tempDir()): Promise<Services> {
  return createServices({ dataDir: dir });
}

/** A plan with history, a 销号, a deadline change, evidence and a saved revision. */
async function trackedPlan(s: Services): Promise<Seeded> {
  const plan = await seedPlan(s);
  await s.call('progress.setStatus', { measureId: plan.ids['一-1-1']!, status: 'in_progress', note: '已召开党组会。', date: '2026-03-01', by: '王秘书' });
  await s.call('progress.setStatus', { measureId: plan.ids['一-1-1']!, status: 'closed', approver: '党组书记张三', date: '2026-03-20' });
  await s.call('progress.changeDeadline', { measureId: plan.ids['一-2-1']!, deadline: '2026年6月底前', reason: '等待上级文件', date: '2026-02-10' });
  await s.call('evidence.attachData', { measureId: plan.ids['一-1-1']!, originalName: '党组会议纪要.pdf', dataBase64: Buffer.from('%PDF-1.4 纪要').toString('base64'), type: '会议纪要' });
  await s.call('evidence.attachData', { measureId: plan.ids['一-3-1']!, originalName: '接待办法.docx', dataBase64: Buffer.from('办法全文').toString('base64') });
  await s.call('revisions.create', { planId: plan.planId, reason: '保存' });
  return plan;
}

function blobFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'evidence', 'sha256');
  const out: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir, { withFileTypes: true }).map((d) => (d.isDirectory() ? `${d.name}/` : d.name));
    } catch {
      return;
    }
    for (const n of names) {
      if (n === 'tmp/') continue;
      if (n.endsWith('/')) walk(path.join(dir, n));
      else out.push(n);
    }
  };
  walk(root);
  return out.sort();
}

async function snapshot(s: Services, planId: string) {
  const detail = await s.call('plans.get', { id: planId });
  const measures = await s.call('progress.measures', { planId });
  const history = await Promise.all(measures.map(async (m) => (await s.call('progress.get', { measureId: m.id })).history.map(({ id: _id, ...e }) => e)));
  const evidence = (await s.call('evidence.list', { planId })).map((a) => [a.measureId, a.originalName, a.type, a.sha256]);
  const revisions = (await s.call('revisions.list', { planId })).map((r) => [r.reason, r.version, r.measureCount]);
  return { title: detail.title, outline: detail.outline, document: await s.call('plans.document', { id: planId }), measures, history, evidence, revisions };
}

describe('方案包', () => {
  it('导出再在另一个数据目录导入：方案、大纲、问题、状态历史、历史版本与佐证材料原样重现，完整性检查无问题', async () => {
    const a = await open();
    const b = await open();
    const dir = tempDir();
    try {
      const plan = await trackedPlan(a);
      const file = path.join(dir, '方案.rectify');
      const packed = await a.call('exchange.pack', { planId: plan.planId, output: file });
      expect(packed).toMatchObject({ planId: plan.planId, measures: 5, attachments: 2 });
      const entries = await unzipFile(file);
      expect([...entries.keys()].slice(0, 2)).toEqual(['manifest.json', 'plan.json']);
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { format: string; schemaVersion: number; files: { name: string; sha256: string }[] };
      expect(manifest.format).toBe('rectify-plan-package');
      expect(manifest.files.filter((f) => f.name.startsWith('evidence/'))).toHaveLength(2);

      const info = await b.call('exchange.inspect', { path: file });
      expect(info).toMatchObject({ planId: plan.planId, exists: false, measures: 5, attachments: 2, revisions: 1, differences: [] });
      const result = await b.call('exchange.unpack', { path: file });
      expect(result).toEqual({ planId: plan.planId, created: true, differences: 0, applied: 0, title: '中共某某局党组关于巡察反馈问题的整改方案' });
      expect(await snapshot(b, plan.planId)).toEqual(await snapshot(a, plan.planId));
      const closed = await b.call('progress.get', { measureId: plan.ids['一-1-1']! });
      expect(closed.measure).toMatchObject({ status: 'closed', closedBy: '党组书记张三', closedOn: '2026-03-20' });
      expect((await b.call('evidence.verify', {})).ok).toBe(true);
      expect(blobFiles(b.context.dataDir)).toEqual(blobFiles(a.context.dataDir));

      // The same package again: the plan is there and nothing differs.
      expect(await b.call('exchange.unpack', { path: file })).toMatchObject({ planId: plan.planId, created: false, differences: 0 });
    } finally {
      a.close();
      b.close();
    }
  });

  it('已有同一方案：列出差异，不自动改动；可保留两份，或逐项取较新的一方（一步撤销）', async () => {
    const a = await open();
    const b = await open();
    const dir = tempDir();
    try {
      const plan = await trackedPlan(a);
      const first = path.join(dir, '第一次.rectify');
      await a.call('exchange.pack', { planId: plan.planId, output: first });
      await b.call('exchange.unpack', { path: first });
      // On the laptop (a): progress on 一-2-1 with evidence. Here (b): progress on 一-3-1.
      await a.call('progress.setStatus', { measureId: plan.ids['一-2-1']!, status: 'done', note: '培训计划已印发。', date: '2026-04-01' });
      await a.call('evidence.attachData', { measureId: plan.ids['一-2-1']!, originalName: '培训计划.pdf', dataBase64: Buffer.from('计划').toString('base64') });
      await new Promise((r) => setTimeout(r, 5));
      await b.call('progress.setStatus', { measureId: plan.ids['一-3-1']!, status: 'in_progress', note: '正在起草。', date: '2026-04-02' });
      const second = path.join(dir, '第二次.rectify');
      await a.call('exchange.pack', { planId: plan.planId, output: second });

      const info = await b.call('exchange.inspect', { path: second });
      expect(info.exists).toBe(true);
      expect(info.differences.map((d) => [d.label, d.kind, d.fields, d.newer])).toEqual([
        ['一-2-1 制定年度培训计划', 'changed', ['状态', '进展记录', '佐证材料'], 'package'],
        ['一-3-1 修订公务接待办法', 'changed', ['状态'], 'local'],
      ]);
      const before = await snapshot(b, plan.planId);
      expect(await b.call('exchange.unpack', { path: second })).toMatchObject({ created: false, differences: 2, applied: 0 });
      expect(await snapshot(b, plan.planId)).toEqual(before);

      const merged = await b.call('exchange.unpack', { path: second, mode: 'merge' });
      expect(merged).toMatchObject({ planId: plan.planId, created: false, differences: 2, applied: 1 });
      const taken = await b.call('progress.get', { measureId: plan.ids['一-2-1']! });
      expect(taken.measure.status).toBe('done');
      expect(taken.history.map((e) => e.note)).toEqual(['等待上级文件', '培训计划已印发。']);
      expect((await b.call('evidence.list', { measureId: plan.ids['一-2-1']! })).map((x) => x.originalName)).toEqual(['培训计划.pdf']);
      // The newer local change stays.
      expect((await b.call('progress.get', { measureId: plan.ids['一-3-1']! })).measure.status).toBe('in_progress');
      expect((await b.call('revisions.list', { planId: plan.planId }))[0]!.reason).toBe('导入前');
      expect((await b.call('evidence.verify', {})).ok).toBe(true);
      expect(await b.call('history.state', { planId: plan.planId })).toMatchObject({ canUndo: true, undoLabel: '导入方案包' });
      await b.call('history.undo', { planId: plan.planId });
      expect((await b.call('progress.get', { measureId: plan.ids['一-2-1']! })).measure.status).toBe('not_started');

      const copy = await b.call('exchange.unpack', { path: second, mode: 'copy' });
      expect(copy).toMatchObject({ created: true, title: '中共某某局党组关于巡察反馈问题的整改方案（方案包导入）' });
      expect(copy.planId).not.toBe(plan.planId);
      const copied = await snapshot(b, copy.planId);
      expect(copied.measures.map((m) => [m.path, m.heading, m.status])).toEqual((await snapshot(a, plan.planId)).measures.map((m) => [m.path, m.heading, m.status]));
      expect(copied.measures.some((m) => Object.values(plan.ids).includes(m.id))).toBe(false);
      expect(copied.revisions).toHaveLength(1);
      expect((await b.call('plans.list', {})).map((p) => p.id).sort()).toEqual([plan.planId, copy.planId].sort());
    } finally {
      a.close();
      b.close();
    }
  });

  it('校验不通过的方案包不写入任何内容：被改动、损坏、压缩炸弹、版本较新、不是方案包', async () => {
    const a = await open();
    const b = await open();
    const dir = tempDir();
    try {
      const plan = await trackedPlan(a);
      const good = path.join(dir, '好.rectify');
      await a.call('exchange.pack', { planId: plan.planId, output: good });
      const entries = await unzipFile(good);
      const rezip = async (name: string, change: (parts: Map<string, Buffer>) => void): Promise<string> => {
        const parts = new Map(entries);
        change(parts);
        const z = new yazl.ZipFile();
        for (const [n, d] of parts) z.addBuffer(d, n);
        const file = path.join(dir, name);
        writeFileSync(file, await zipToBuffer(z));
        return file;
      };
      const tampered = await rezip('改动.rectify', (p) => p.set('plan.json', Buffer.from(p.get('plan.json')!.toString('utf8').replace('落实第一议题制度', '落实第二议题制度'))));
      const swapped = await rezip('换了材料.rectify', (p) => {
        const name = [...p.keys()].find((n) => n.startsWith('evidence/'))!;
        p.set(name, Buffer.from('被替换的内容'));
      });
      const newer = await rezip('新版本.rectify', (p) => {
        const m = JSON.parse(p.get('manifest.json')!.toString('utf8')) as { schemaVersion: number };
        p.set('manifest.json', Buffer.from(JSON.stringify({ ...m, schemaVersion: m.schemaVersion + 50 })));
      });
      const extra = await rezip('多了文件.rectify', (p) => p.set('autorun.exe', Buffer.from('MZ')));
      const cut = path.join(dir, '半截.rectify');
      writeFileSync(cut, readFileSync(good).subarray(0, 2000));
      const bomb = path.join(dir, '炸弹.rectify');
      writeFileSync(bomb, await zipBombDocx(600 * 1024 * 1024));
      const stranger = path.join(dir, '别的压缩包.rectify');
      const z = new yazl.ZipFile();
      z.addBuffer(Buffer.from('{}'), 'readme.json');
      writeFileSync(stranger, await zipToBuffer(z));

      const cases: [string, string, RegExp][] = [
        [tampered, 'corrupt_file', /^“改动\.rectify”中的“plan\.json”与清单记录的校验值不符，方案包已损坏或被改动过，未导入任何内容/],
        [swapped, 'corrupt_file', /与清单记录的校验值不符/],
        [newer, 'unsupported_file', /由较新版本的整改方案工作台导出.*请先升级/],
        [extra, 'corrupt_file', /中有清单之外的文件/],
        [cut, 'corrupt_file', /^“半截\.rectify”已损坏或不完整/],
        [bomb, 'too_large', /超出可读取的上限/],
        [stranger, 'unsupported_file', /^“别的压缩包\.rectify”不是整改方案工作台的方案包/],
      ];
      for (const [file, code, message] of cases) {
        const err = await rejectionOf(b.call('exchange.unpack', { path: file }));
        expect(err.code, file).toBe(code);
        expect(err.message, file).toMatch(message);
      }
      expect(await b.call('plans.list', {})).toEqual([]);
      expect(blobFiles(b.context.dataDir)).toEqual([]);
      // The browser sends the bytes instead of a path: the same checks.
      const viaBytes = await rejectionOf(b.call('exchange.unpack', { fileName: '改动.rectify', dataBase64: readFileSync(tampered).toString('base64') }));
      expect(viaBytes.code).toBe('corrupt_file');
      expect((await b.call('exchange.unpack', { fileName: '好.rectify', dataBase64: readFileSync(good).toString('base64') })).created).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });
});
