import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/temp.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { blobPath } from '../../../electron/services/evidence/blob-store.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

async function setup(): Promise<{ s: Services; dataDir: string; src: string; planId: string; measureIds: string[] }> {
  const dataDir = tempDir();
  const s = await createServices({ dataDir });
  const { planId, measureIds } = await createTrackedPlan(s);
  return { s, dataDir, src: tempDir('rectify-src-'), planId, measureIds };
}

async function version(s: Services, planId: string): Promise<number> {
  return (await s.call('plans.get', { id: planId })).version;
}

async function headings(s: Services, planId: string): Promise<string[]> {
  return (await s.call('progress.measures', { planId })).map((m) => m.heading);
}

describe('佐证材料只在无法再找回时才删除', () => {
  it('删除带佐证材料的措施 → 启动维护（含宽限期之后的回收）→ 撤销：措施、材料和文件都回来，完整性检查无问题，更早的撤销步骤照常', async () => {
    const { s, dataDir, src, planId, measureIds } = await setup();
    const [first, second] = [measureIds[0]!, measureIds[1]!];
    // An older undo step: the first measure's heading.
    await s.call('outline.updateNode', { planId, expectedVersion: await version(s, planId), nodeId: first, patch: { heading: '深化理论武装，学深悟透' } });
    writeFileSync(path.join(src, '学习制度.pdf'), '%PDF 学习制度全文');
    writeFileSync(path.join(src, '签到表.jpg'), '签到表照片');
    const minutes = await s.call('evidence.attachPath', { measureId: second, path: path.join(src, '学习制度.pdf'), type: '制度文本' });
    const photo = await s.call('evidence.attachPath', { measureId: second, path: path.join(src, '签到表.jpg') });

    await s.call('outline.deleteNode', { planId, expectedVersion: await version(s, planId), nodeId: second });
    expect(await headings(s, planId)).not.toContain('健全学习制度');
    expect((await s.call('evidence.list', { planId })).map((a) => a.originalName)).toEqual([]);

    // The desktop app's start-up step, then the same with the 30-day grace long past.
    const run = await s.call('maintenance.run', {});
    expect(run.removedBlobs).toBe(0);
    const late = await s.call('evidence.collectGarbage', { purgeRemovedDays: 0 });
    expect(late.removedBlobs).toBe(0);
    expect(existsSync(blobPath(dataDir, minutes.sha256))).toBe(true);

    const undone = await s.call('history.undo', { planId });
    expect(undone.label).toBe('删除节点');
    expect(await headings(s, planId)).toContain('健全学习制度');
    const back = await s.call('evidence.list', { measureId: second });
    expect(back.map((a) => [a.id, a.originalName, a.type, a.removedAt])).toEqual([
      [minutes.attachmentId, '学习制度.pdf', '制度文本', null],
      [photo.attachmentId, '签到表.jpg', photo.attachment.type, null],
    ]);
    expect(readFileSync(blobPath(dataDir, minutes.sha256), 'utf8')).toBe('%PDF 学习制度全文');
    expect(readFileSync(blobPath(dataDir, photo.sha256), 'utf8')).toBe('签到表照片');
    expect(await s.call('evidence.verify', {})).toMatchObject({ ok: true, checked: 2, problems: [] });
    expect((await s.call('maintenance.doctor', {})).ok).toBe(true);

    expect((await s.call('history.undo', { planId })).label).toBe('修改措施');
    expect((await headings(s, planId))[0]).toBe('深化理论武装');
    // And forward again: redo deletes the measure, redo again restores the edit.
    expect((await s.call('history.redo', { planId })).label).toBe('修改措施');
    expect((await s.call('history.redo', { planId })).label).toBe('删除节点');
    expect(await headings(s, planId)).not.toContain('健全学习制度');
    s.close();
  });

  it('删除措施只是把它的材料标为已移除：宽限期内维护不回收；材料不再被任何撤销步骤需要、且过了宽限期才回收', async () => {
    const { s, dataDir, src, planId, measureIds } = await setup();
    writeFileSync(path.join(src, '会议纪要.pdf'), '会议纪要');
    const a = await s.call('evidence.attachPath', { measureId: measureIds[2]!, path: path.join(src, '会议纪要.pdf') });
    await s.call('outline.deleteNode', { planId, expectedVersion: await version(s, planId), nodeId: measureIds[2]! });
    const raw = s.context.db.prepare('SELECT removed_at FROM attachments WHERE id = ?').get(a.attachmentId) as { removed_at: string | null };
    expect(raw.removed_at).not.toBeNull();
    expect((await s.call('maintenance.run', {})).removedBlobs).toBe(0);
    // The plan goes (and with it its undo history): now nothing can bring the file back once the grace is over.
    await s.call('plans.delete', { id: planId });
    expect((await s.call('evidence.collectGarbage', {})).removedBlobs).toBe(0);
    expect((await s.call('evidence.collectGarbage', { purgeRemovedDays: 0 })).removedBlobs).toBe(1);
    expect(existsSync(blobPath(dataDir, a.sha256))).toBe(false);
    s.close();
  });

  it('单独移除的材料在删除措施再撤销后仍是已移除', async () => {
    const { s, src, planId, measureIds } = await setup();
    writeFileSync(path.join(src, 'a.pdf'), 'A');
    writeFileSync(path.join(src, 'b.pdf'), 'B');
    const a = await s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(src, 'a.pdf') });
    const b = await s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(src, 'b.pdf') });
    await s.call('evidence.remove', { attachmentId: a.attachmentId });
    await s.call('outline.deleteNode', { planId, expectedVersion: await version(s, planId), nodeId: measureIds[0]! });
    await s.call('history.undo', { planId });
    expect((await s.call('evidence.list', { measureId: measureIds[0]! })).map((x) => x.id)).toEqual([b.attachmentId]);
    expect((await s.call('evidence.list', { measureId: measureIds[0]!, includeRemoved: true })).map((x) => x.id)).toEqual([a.attachmentId, b.attachmentId]);
    s.close();
  });

  it('完整性检查也报告文件记录已丢失的材料（指向不存在的 blob 的材料行）', async () => {
    const { s, src, measureIds } = await setup();
    writeFileSync(path.join(src, 'a.pdf'), 'A');
    const a = await s.call('evidence.attachPath', { measureId: measureIds[0]!, path: path.join(src, 'a.pdf'), addedBy: '李四' });
    const db = s.context.db;
    // What an older version's maintenance could leave: the blob row gone under a live attachment.
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(a.sha256);
    db.pragma('foreign_keys = ON');
    const result = await s.call('evidence.verify', {});
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        sha256: a.sha256,
        state: 'missing',
        attachments: [expect.objectContaining({ attachmentId: a.attachmentId, measurePath: '一-1-1', originalName: 'a.pdf', removed: false })],
      },
    ]);
    const report = await s.call('maintenance.doctor', {});
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain('佐证材料文件缺失');
    expect(report.database.foreignKeyProblems).toHaveLength(1);
    s.close();
  });
});
