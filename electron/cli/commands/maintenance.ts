import type { CliCommand, CliContext } from '../command.ts';
import { printJson } from '../command.ts';
import { AppError } from '../../../shared/errors.ts';
import type { DoctorReport } from '../../../shared/api/maintenance.ts';
import { formatSize } from '../../services/evidence/attachments.ts';
import { localDateTime } from '../../../shared/progress/dates.ts';

function printReport(ctx: CliContext, r: DoctorReport): void {
  ctx.out(`整改方案工作台体检\u3000数据目录：${r.dataDir}`);
  ctx.out(r.driver.description);
  const db = r.database;
  const integrityOk = db.integrity.length === 1 && db.integrity[0] === 'ok';
  if (db.schemaVersion === null) ctx.out(`数据库：${db.file}（${formatSize(db.size)}）无法打开`);
  else {
    ctx.out(
      `数据库：${db.file}（${formatSize(db.size)}，数据版本 ${db.schemaVersion}）：完整性检查${integrityOk ? '通过' : '未通过'}，` +
        `外键检查${db.foreignKeyProblems.length === 0 ? '通过' : `发现 ${db.foreignKeyProblems.length} 处问题`}`,
    );
  }
  if (r.evidence) {
    ctx.out(`佐证材料：${r.evidence.checked} 个文件（${formatSize(r.evidence.bytes)}）${r.evidence.ok ? '全部完好' : `，${r.evidence.problems.length} 个有问题`}`);
  }
  ctx.out(`遗留临时文件：${r.leftovers.length === 0 ? '无' : `${r.leftovers.length} 个`}`);
  const newest = r.backups.newest;
  ctx.out(`备份（${r.backups.dir}）：${r.backups.count === 0 ? '还没有备份' : `${r.backups.count} 个，最新 ${newest?.file ?? ''}（${newest ? localDateTime(newest.modifiedAt) : ''}）`}`);
  if (r.cleaned) {
    const c = r.cleaned;
    ctx.out(
      `已清理：遗留临时文件 ${c.removedTempFiles} 个，不再需要的佐证材料文件 ${c.removedBlobs} 个，共释放 ${formatSize(c.freedBytes)}` +
        (c.backup ? `；已备份到 ${c.backup}` : ''),
    );
  }
  if (r.ok) {
    ctx.out('结论：一切正常。');
    return;
  }
  ctx.out(`结论：发现 ${r.problems.length} 个问题：`);
  r.problems.forEach((p, i) => ctx.out(`  ${i + 1}. ${p}`));
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor [--clean] [--json]',
  summary: '体检：数据库完整性、佐证材料文件、遗留临时文件、备份和数据库组件；--clean 清理临时文件并回收无用文件（正常时退出码 0，有问题时 3）',
  options: { clean: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(ctx) {
    const clean = ctx.values.clean === true;
    let report: DoctorReport;
    try {
      report = await (await ctx.services()).call('maintenance.doctor', { clean });
    } catch (err) {
      // A workbook that cannot be opened is exactly what the doctor is for: report it, write nothing to it.
      if (!(err instanceof AppError) || (err.code !== 'db_corrupt' && err.code !== 'newer_database')) throw err;
      const { diagnoseUnopenable } = await import('../../services/maintenance/doctor.ts');
      report = await diagnoseUnopenable(ctx.dataDir(), err, { clean });
    }
    if (ctx.values.json) printJson(ctx, report);
    else printReport(ctx, report);
    return report.ok ? 0 : 3;
  },
};
