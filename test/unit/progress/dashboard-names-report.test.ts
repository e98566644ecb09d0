import { describe, expect, it } from 'vitest';
import { computeDashboard, type DashboardMeasure } from '../../../shared/progress/dashboard.ts';
import { guessEvidenceType, packageFileName, safeFileName, uniqueNames, extensionOf } from '../../../shared/progress/evidence-names.ts';
import { remainderPhrase, reportTitle } from '../../../shared/progress/report-text.ts';
import { reportCounts } from '../../../shared/progress/counts.ts';
import { addDays, chineseDate, daysBetween } from '../../../shared/progress/dates.ts';

function m(id: string, deadlineDate: string | null, status: DashboardMeasure['status'] = 'in_progress', department: string | null = '办公室'): DashboardMeasure {
  return { id, path: id, heading: id, leader: null, department, deadline: deadlineDate, deadlineDate, status, problem: { key: id } };
}

describe('看板：逾期与7天内到期', () => {
  it('边界：昨天到期为逾期1天，今天到期为0天，第7天仍提醒，第8天不提醒', () => {
    const today = '2026-02-27';
    const d = computeDashboard('p', [m('y', '2026-02-26'), m('t', today), m('d7', '2026-03-06'), m('d8', '2026-03-07'), m('none', null)], today);
    expect(d.overdue.map((x) => [x.id, x.days])).toEqual([['y', 1]]);
    expect(d.dueSoon.map((x) => [x.id, x.days])).toEqual([['t', 0], ['d7', 7]]);
  });

  it('已完成、已销号、申请销号的事项不再提醒；逾期按天数从多到少', () => {
    const today = '2026-05-01';
    const d = computeDashboard('p', [m('a', '2026-04-01', 'done'), m('b', '2026-04-01', 'closed'), m('c', '2026-04-01', 'close_requested'), m('e', '2026-04-20', 'delayed'), m('f', '2026-03-01', 'not_done')], today);
    expect(d.overdue.map((x) => x.id)).toEqual(['f', 'e']);
    expect(d.byDepartment).toEqual([expect.objectContaining({ name: '办公室', total: 5, completed: 2, overdue: 2, completionRateText: '40%' })]);
  });

  it('日期运算跨月跨年', () => {
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(addDays('2026-02-25', 7)).toBe('2026-03-04');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });
});

describe('材料包文件名', () => {
  it('措施编号_类型_日期.扩展名', () => {
    expect(packageFileName('三-1-2', '会议纪要', '2026-01-15', '党组会 纪要.PDF')).toBe('三-1-2_会议纪要_20260115.pdf');
    expect(packageFileName('#3', '其他', '2026-01-15', '没有扩展名')).toBe('3_其他_20260115');
  });

  it('各系统都接受的名字', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j.pdf')).toBe('a_b_c_d_e_f_g_h_i_j.pdf');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('结尾的点...')).toBe('结尾的点');
    expect(safeFileName('   ')).toBe('材料');
    expect(safeFileName('长'.repeat(300) + '.pdf').length).toBe(120);
    expect(extensionOf('会议纪要.第一次')).toBe('');
  });

  it('重名自动编号，不分大小写；已有的名字不被占用', () => {
    const names = uniqueNames(['a.jpg', 'A.JPG', 'a.jpg', 'a(2).jpg', 'b.pdf']);
    expect(names).toEqual(['a.jpg', 'A(3).JPG', 'a(4).jpg', 'a(2).jpg', 'b.pdf']);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(5);
  });

  it('按文件名猜材料类型', () => {
    expect(guessEvidenceType('党组会议纪要（第3次）.pdf')).toBe('会议纪要');
    expect(guessEvidenceType('关于印发《XX办法》的通知.pdf')).toBe('印发文件');
    expect(guessEvidenceType('XX管理办法（修订）.docx')).toBe('制度文本');
    expect(guessEvidenceType('IMG_0001.JPG')).toBe('照片');
    expect(guessEvidenceType('退款凭证.pdf')).toBe('财务凭证');
    expect(guessEvidenceType('专题研讨发言.docx')).toBe('学习记录');
    expect(guessEvidenceType('数据.bin')).toBe('其他');
  });
});

describe('报告标题与其余事项', () => {
  it('由方案标题得到报告标题', () => {
    expect(reportTitle('中共某某局党组关于2025年度民主生活会查摆问题的整改方案')).toBe('中共某某局党组关于2025年度民主生活会查摆问题整改落实情况的报告');
    expect(reportTitle('关于巡察反馈意见整改落实方案')).toBe('关于巡察反馈意见整改落实情况的报告');
    expect(reportTitle('某某单位审计整改清单')).toBe('关于某某单位审计整改落实情况的报告');
  });

  it('全部完成时没有“其余”', () => {
    expect(remainderPhrase(reportCounts([{ status: 'done', problem: { key: 'a' } }]))).toBe('');
    expect(remainderPhrase(reportCounts([{ status: 'done', problem: { key: 'a' } }, { status: 'delayed', problem: { key: 'a' } }]))).toBe('其余1项中，未完成1项');
  });
});

describe('可以直接打开的材料类型与副本文件名', () => {
  it('只有常见文档和图片可以直接打开；会执行代码的类型一律不行，大小写不论', async () => {
    const { isOpenableName } = await import('../../../shared/progress/evidence-names.ts');
    for (const ok of ['纪要.pdf', '通知.DOCX', '台账.xls', '表.et', '报告.wps', '演示.dps', '公文.ofd', '说明.txt', '现场.JPEG', '扫描.tif']) expect(isOpenableName(ok), ok).toBe(true);
    for (const no of ['setup.exe', 'run.bat', '快捷方式.lnk', 'a.js', 'b.vbs', 'c.cmd', 'd.ps1', 'e.html', 'f.svg', 'g.scr', '无扩展名', '.', 'invoice\u202Efdp.exe', 'x.pdf\u200b.exe']) {
      expect(isOpenableName(no), no).toBe(false);
    }
  });

  it('副本名去掉不可见控制字符，按字节截短并保留扩展名', async () => {
    const { copyFileName, safeFileName, stripInvisibleControls } = await import('../../../shared/progress/evidence-names.ts');
    expect(stripInvisibleControls('a\u202Eb\u2066c\u200fd\ufeff')).toBe('abcd');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    const long = copyFileName('整'.repeat(200) + '.docx');
    expect(long.endsWith('.docx')).toBe(true);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(150);
    expect(copyFileName('.')).toBe('材料');
    expect(copyFileName('a'.repeat(300) + '.pdf').length).toBeLessThanOrEqual(80);
  });
});
