// `rectify parse` / `rectify import` as a user runs them: exact JSON, stored plans, and exit 2 with a
// Chinese message (no stack trace, nothing stored) for input we cannot read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.ts';
import { runCli, write } from './helpers.ts';
import { makeDocx } from './docx-builder.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

describe('rectify parse', () => {
  it('prints the contract JSON without touching a workbook', () => {
    const data = tempDir();
    const run = runCli(['parse', fixture('synthetic-07-kaohe-fankui-zhenggai.txt'), '--json', '--data', data]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    // issue 13 adds the closing formula (特此报告。) and the 印发通知 beside the issue-3 keys.
    expect(Object.keys(json).sort()).toEqual(['addressee', 'attachments', 'closing', 'date', 'issuer', 'notice', 'preamble', 'sections', 'title', 'warnings']);
    const sections = json.sections as Array<{ marker: string; heading: string; children: Array<Record<string, unknown>> }>;
    expect(sections[0]!.marker).toBe('一、');
    const first = sections[0]!.children[0]!;
    expect(Object.keys(first).sort()).toEqual(['body', 'children', 'heading', 'marker', 'measure']);
    expect(first.measure).toEqual({ leader: null, department: '办公室', person: '副秘书长 马某', deadline: '即知即改', status: null });
    expect(runCli(['list', '--data', data, '--json']).stdout.trim()).toBe('[]');
  });
  it('honours --encoding', () => {
    const dir = tempDir();
    const file = write(path.join(dir, 'gbk.txt'), readFileSync(fixture('synthetic-01-minzhu-shenghuohui-renda.txt')));
    const run = runCli(['parse', file, '--encoding', 'utf-8', '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { title: string }).title).toBe('中共XX市人大常委会党组2025年度民主生活会查摆问题整改方案');
    const bad = runCli(['parse', file, '--encoding', 'klingon', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('不认识的文字编码');
  });
});

describe('rectify import', () => {
  it('stores one plan per file and prints its id (an array for several)', () => {
    const data = tempDir();
    const one = runCli(['import', fixture('synthetic-01-minzhu-shenghuohui-renda.txt'), '--data', data, '--json']);
    expect(one.code).toBe(0);
    const { planId } = JSON.parse(one.stdout) as { planId: string };
    const shown = JSON.parse(runCli(['show', planId, '--data', data, '--json']).stdout) as { title: string; measureCount: number };
    expect(shown.title).toBe('中共XX市人大常委会党组2025年度民主生活会查摆问题整改方案');
    expect(shown.measureCount).toBe(6);
    const two = runCli(['import', fixture('synthetic-03-zhutijiaoyu-jianshi.txt'), fixture('synthetic-05-zuzhishenghuohui-qingdan.txt'), '--data', data, '--json']);
    expect(two.code).toBe(0);
    const ids = JSON.parse(two.stdout) as Array<{ planId: string }>;
    expect(ids).toHaveLength(2);
    expect((JSON.parse(runCli(['list', '--data', data, '--json']).stdout) as unknown[]).length).toBe(3);
  });
  it('stores nothing when one of the files cannot be read', () => {
    const data = tempDir();
    const dir = tempDir();
    const pdf = write(path.join(dir, 'scan.pdf'), Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'));
    const run = runCli(['import', fixture('synthetic-01-minzhu-shenghuohui-renda.txt'), pdf, '--data', data, '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PDF');
    expect(runCli(['list', '--data', data, '--json']).stdout.trim()).toBe('[]');
  });
});

describe('unreadable input: exit 2, a Chinese message, no stack trace', () => {
  const docx = () => makeDocx(['一、总体要求', '（一）加强领导。正文。'].map((t) => ({ text: t })));
  const cases: Array<[string, string, () => Buffer | Promise<Buffer>, RegExp]> = [
    ['an empty file', 'empty.txt', () => Buffer.alloc(0), /空的/],
    ['random bytes', 'noise.txt', () => randomBytes(4096), /不是文本文件/],
    ['a truncated .docx', 'cut.docx', async () => (await docx()).subarray(0, 300), /已损坏/],
    ['a corrupt .docx (zip without document.xml)', 'broken.docx', () => makeDocx([], { omitDocument: true }), /已损坏/],
    ['a .pdf', 'report.pdf', () => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n', 'latin1'), /PDF 文件.*另存为/],
    ['a fake .doc (text renamed)', 'fake.doc', () => Buffer.from('这不是 Word 文档', 'utf8'), /不是 Word\/WPS 文档/],
    ['a fake .doc (OLE header, garbage body)', 'garbage.doc', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(2048)]), /无法读取/],
    ['an image', 'photo.png', () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]), /图片/],
    ['a zip archive', 'bundle.zip', () => makeDocx([], { plainZip: true }), /压缩包/],
  ];
  for (const [label, name, bytes, message] of cases) {
    it(label, async () => {
      const file = write(path.join(tempDir('rectify-bad-'), name), await bytes());
      for (const cmd of [['parse', file, '--json'], ['import', file, '--data', tempDir(), '--json']]) {
        const run = runCli(cmd);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(message);
        expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
        expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
      }
    });
  }
  it('a missing file', () => {
    const run = runCli(['parse', path.join(tempDir(), 'nope.txt'), '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('找不到文件');
  });
});
