import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/temp.ts';
import { openConnection } from '../../../electron/services/store/driver.ts';
import { DB_FILE } from '../../../electron/services/store/database.ts';
import { createServices } from '../../../electron/services/index.ts';
import { bigPlan } from '../../helpers/big-plan.ts';
import { blobPath } from '../../../electron/services/evidence/blob-store.ts';
import { writeBackupSet } from '../../../electron/services/backup/writer.ts';
import { rotateLocation } from '../../../electron/services/backup/rotation.ts';
import type { TaskProgress } from '../../../shared/api/task-progress.ts';
import { evidenceBytes, setFiles, trackedWorkbook } from './fixture.ts';

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('备份集：数据库在线副本 + 佐证材料 + manifest.json', () => {
  it('立即备份写出“备份_日期_时间”文件夹：数据库、引用的佐证材料、写明版本/数量/每个文件 SHA-256 的 manifest；备份后已校验', async () => {
    const wb = await trackedWorkbook();
    const progress: TaskProgress[] = [];
    const r = await wb.services.call('backup.create', { note: '年底归档' }, { onProgress: (p) => progress.push(p) });
    expect(path.basename(r.path)).toMatch(/^备份_\d{8}_\d{6}_年底归档$/);
    expect(path.dirname(r.path)).toBe(path.join(wb.dataDir, 'backups'));
    expect(r).toMatchObject({ kind: 'manual', plans: 1, measures: 5, attachments: 2, evidenceReused: 0, evidenceProblems: [] });

    const files = setFiles(r.path);
    expect(readdirSync(r.path).sort()).toEqual(['evidence', 'manifest.json', 'workbook.sqlite']);
    const manifest = JSON.parse(readFileSync(files.manifest, 'utf8')) as {
      app: { name: string; version: string };
      kind: string;
      schemaVersion: number;
      counts: Record<string, number>;
      database: { sha256: string; size: number };
      evidence: { sha256: string; size: number; stored: string }[];
      verification: { ok: boolean };
    };
    expect(manifest.app).toEqual({ name: '整改方案工作台', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(manifest.kind).toBe('manual');
    expect(manifest.schemaVersion).toBe(wb.services.context.db.pragma('user_version', { simple: true }));
    expect(manifest.counts).toEqual({ plans: 1, measures: 5, attachments: 2, evidenceFiles: 2 });
    expect(manifest.database.sha256).toBe(sha256(files.db));
    expect(manifest.verification.ok).toBe(true);
    for (const sha of wb.shas) {
      expect(manifest.evidence).toContainEqual({ sha256: sha, size: evidenceBytes(wb.dataDir, sha).length, stored: 'copied' });
      expect(sha256(files.evidence(sha))).toBe(sha);
    }
    expect(r.bytesTotal).toBe(manifest.database.size + manifest.evidence.reduce((n, e) => n + e.size, 0));
    expect(r.bytesCopied).toBe(r.bytesTotal);

    // A self-contained database file: no -wal/-shm beside it, readable on its own, the same plan inside.
    const copy = openConnection(files.db, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT title FROM plans').all()).toEqual([{ title: '中共某某局党组关于2025年度民主生活会查摆问题的整改方案' }]);
    copy.close();

    // Progress for the long parts: the database pages, the evidence, the check.
    const stages = new Set(progress.map((p) => p.stage));
    expect(stages).toEqual(new Set(['正在复制数据库', '正在复制佐证材料（MB）', '正在校验备份']));
    expect(progress.every((p) => p.task === 'backup' && p.total !== null && p.done <= p.total)).toBe(true);

    const listed = await wb.services.call('backup.list', {});
    expect(listed.backups).toEqual([
      expect.objectContaining({ path: r.path, kind: 'manual', note: '年底归档', plans: 1, measures: 5, attachments: 2, bytes: r.bytesTotal, verified: true, local: true, format: 'set', problems: [] }),
    ]);
    wb.services.close();
  });

  it('第二次备份不再复制佐证材料：同一个文件已在备份位置中，硬链接过来（两个备份集各自完整）', async () => {
    const wb = await trackedWorkbook();
    const first = await wb.services.call('backup.create', {});
    const second = await wb.services.call('backup.create', {});
    expect(second.path).not.toBe(first.path);
    expect(second.evidenceReused).toBe(2);
    const dbSize = statSync(setFiles(second.path).db).size;
    expect(second.bytesCopied).toBe(dbSize);
    for (const sha of wb.shas) {
      const a = statSync(setFiles(first.path).evidence(sha));
      const b = statSync(setFiles(second.path).evidence(sha));
      expect(b.ino).toBe(a.ino);
      expect(b.nlink).toBeGreaterThanOrEqual(2);
    }
    // Newest first.
    const listed = await wb.services.call('backup.list', {});
    expect(listed.backups.map((b) => b.path)).toEqual([second.path, first.path]);
    wb.services.close();
  });

  it('备份时另一个连接不停地写入：备份仍能完成，得到的是某一时刻的一致副本', async () => {
    const dataDir = tempDir();
    const services = await createServices({ dataDir });
    // Large enough that the copy takes several steps, so the writer gets in between.
    await services.call('plans.createFromDocument', { document: bigPlan() });
    const writer = openConnection(path.join(dataDir, DB_FILE));
    writer.pragma('busy_timeout = 5000');
    const insertPlan = writer.prepare("INSERT INTO plans (id, title, created_at, updated_at) VALUES (?, ?, '2026-01-01', '2026-01-01')");
    const insertPhrase = writer.prepare("INSERT INTO phrases (kind, text, created_at) VALUES ('并发', ?, '2026-01-01')");
    let writes = 0;
    let stop = false;
    const writing = (async () => {
      while (!stop) {
        // Each write is a pair in one transaction: a consistent copy has as many of one as of the other.
        writer.transaction(() => {
          insertPlan.run(`w-${writes}`, `并发写入的方案${writes}`);
          insertPhrase.run(`并发写入的常用语${writes}`);
        })();
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    let writesWhenStarted = 0;
    const r = await services.call('backup.create', {}, {
      onProgress: (p) => {
        if (p.stage === '正在复制数据库' && writesWhenStarted === 0) writesWhenStarted = writes;
      },
    });
    const writesWhenDone = writes;
    stop = true;
    await writing;
    writer.close();

    const copy = openConnection(setFiles(r.path).db, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('foreign_key_check')).toEqual([]);
    const plans = (copy.prepare("SELECT count(*) AS n FROM plans WHERE id LIKE 'w-%'").get() as { n: number }).n;
    const phrases = (copy.prepare("SELECT count(*) AS n FROM phrases WHERE kind = '并发'").get() as { n: number }).n;
    expect(plans).toBe(phrases);
    expect(copy.prepare("SELECT count(*) AS n FROM nodes WHERE kind = 'measure'").get()).toEqual({ n: 432 });
    copy.close();
    // The writer was never held up for the whole backup: it went on writing while the copy was made.
    expect(writesWhenDone).toBeGreaterThan(writesWhenStarted);
    services.close();
  });

  it('工作台自己缺失或被改动的佐证材料：备份照常完成并说出是哪些材料，坏文件不进备份', async () => {
    const wb = await trackedWorkbook();
    rmSync(blobPath(wb.dataDir, wb.shas[0]!));
    writeFileSync(blobPath(wb.dataDir, wb.shas[1]!), '被改动的内容');
    const r = await wb.services.call('backup.create', {});
    expect([...r.evidenceProblems].sort()).toEqual(
      [
        '工作台中的佐证材料「党组会议纪要（2026年第1次）.pdf」已缺失，未能备份（请从原件重新添加）',
        '工作台中的佐证材料「学习制度.docx」内容已被改动，未能备份（请从原件重新添加）',
      ].sort(),
    );
    expect(existsSync(setFiles(r.path).evidence(wb.shas[0]!))).toBe(false);
    expect(existsSync(setFiles(r.path).evidence(wb.shas[1]!))).toBe(false);
    // What the backup holds is intact: it is listed as verified and can be restored.
    expect((await wb.services.call('backup.verify', { backup: r.path })).problems).toEqual([]);
    wb.services.close();
  });

  it('备份到指定文件夹（导出工作台 / --to）：文件夹不存在时建立，备份集自带全部文件', async () => {
    const wb = await trackedWorkbook();
    await wb.services.call('backup.create', {});
    const folder = path.join(tempDir(), '移交', '工作台备份');
    const r = await wb.services.call('backup.create', { folder });
    expect(path.dirname(r.path)).toBe(folder);
    expect(r.evidenceReused).toBe(0);
    for (const sha of wb.shas) expect(existsSync(setFiles(r.path).evidence(sha))).toBe(true);
    const listed = await wb.services.call('backup.list', { from: folder });
    expect(listed.backups.map((b) => b.path)).toEqual([r.path]);
    expect(listed.backups[0]).toMatchObject({ local: false, verified: true });
    // Picking the set folder itself finds the same one.
    expect((await wb.services.call('backup.list', { from: r.path })).backups.map((b) => b.path)).toEqual([r.path]);
    wb.services.close();
  });
});

describe('没有硬链接的备份位置（FAT32/exFAT 的 U 盘、网络共享）', () => {
  it('同一个佐证材料在这个位置只存一份：第二次备份不再复制而是共用；轮换删掉旧备份时文件先移到还要用它的备份里', async () => {
    const wb = await trackedWorkbook();
    const usb = tempDir('rectify-fat-');
    const noLinks = () => Promise.reject(Object.assign(new Error('operation not permitted'), { code: 'EPERM' }));
    const db = wb.services.context.db;
    const morning = await writeBackupSet({ db, dataDir: wb.dataDir, location: usb, kind: 'auto', note: '自动', linkFile: noLinks, now: () => new Date(2026, 0, 15, 9) });
    const evening = await writeBackupSet({ db, dataDir: wb.dataDir, location: usb, kind: 'auto', note: '自动', linkFile: noLinks, now: () => new Date(2026, 0, 15, 17) });
    expect(evening.evidenceReused).toBe(2);
    expect(evening.bytesCopied).toBe(statSync(setFiles(evening.path).db).size);
    const manifest = JSON.parse(readFileSync(setFiles(evening.path).manifest, 'utf8')) as { evidence: { stored: string }[] };
    expect(manifest.evidence.map((e) => e.stored)).toEqual(['shared', 'shared']);
    for (const sha of wb.shas) expect(existsSync(setFiles(evening.path).evidence(sha))).toBe(false);
    expect((await wb.services.call('backup.verify', { backup: evening.path })).problems).toEqual([]);

    // Two automatic backups of one day: the rotation keeps the evening's; the files move there first.
    expect(await rotateLocation(usb, new Date(2026, 0, 15, 18))).toEqual([morning.path]);
    for (const sha of wb.shas) expect(existsSync(setFiles(evening.path).evidence(sha))).toBe(true);
    expect((await wb.services.call('backup.verify', { backup: evening.path })).problems).toEqual([]);
    const adopted = JSON.parse(readFileSync(setFiles(evening.path).manifest, 'utf8')) as { evidence: { stored: string }[] };
    expect(adopted.evidence.map((e) => e.stored)).toEqual(['copied', 'copied']);
    // The next backup there shares them again instead of copying.
    const next = await writeBackupSet({ db, dataDir: wb.dataDir, location: usb, kind: 'manual', linkFile: noLinks, now: () => new Date(2026, 0, 16, 9) });
    expect(next.evidenceReused).toBe(2);

    // And it restores on its own (a new PC).
    const fresh = await createServices({ dataDir: tempDir() });
    await fresh.call('backup.restore', { backup: evening.path });
    expect(await fresh.call('evidence.verify', {})).toMatchObject({ ok: true, checked: 2 });
    fresh.close();
    wb.services.close();
  });
});
