import { describe, expect, it } from 'vitest';
import { normalizePunctuation } from '../../../shared/text/punctuation.ts';

const norm = (s: string) => normalizePunctuation(s).text;

describe('normalizePunctuation (GB/T 15834)', () => {
  it('turns half-width marks next to Chinese into full-width ones and counts them', () => {
    const r = normalizePunctuation('根据市委统一部署,今天召开会议;主要任务是:学习?好!');
    expect(r.text).toBe('根据市委统一部署，今天召开会议；主要任务是：学习？好！');
    expect(r.changes).toBe(5);
  });
  it('converts bracket pairs around Chinese and markers, and repairs mixed halves', () => {
    expect(norm('(一)政治引领坚强有力')).toBe('（一）政治引领坚强有力');
    expect(norm('干部(含借调、挂职干部)中全覆盖')).toBe('干部（含借调、挂职干部）中全覆盖');
    expect(norm('（一)加强组织领导')).toBe('（一）加强组织领导');
    expect(norm('(1）建立台账')).toBe('（1）建立台账');
    expect(norm('整改措施：(1)清查；(2)调账')).toBe('整改措施：（1）清查；（2）调账');
  });
  it('turns "1、" markers into "1." but leaves number lists alone', () => {
    expect(norm('1、建立台账')).toBe('1.建立台账');
    expect(norm('要求：1、压实责任；2、按时报送')).toBe('要求：1.压实责任；2.按时报送');
    expect(norm('第1、2条')).toBe('第1、2条');
    expect(norm('1．规范记录')).toBe('1.规范记录');
  });
  it('leaves numbers, decimals, dates, times, document numbers and Latin text untouched', () => {
    const samples = [
      '涉及金额12.80万元，占比36.72%',
      '共计12,800元',
      '会议于10:30开始',
      '2025.12.15',
      '（X审X报〔2025〕3号）',
      'see http://www.example.gov.cn/a?id=3, then (see Fig. 1).',
      'Hello, world; a: b!',
    ];
    for (const s of samples) {
      const r = normalizePunctuation(s);
      expect(r.text).toBe(s);
      expect(r.changes).toBe(0);
    }
  });
  it('drops spaces typed after a converted mark and keeps line breaks', () => {
    expect(norm('同志们:\r\n一是好, 二是快')).toBe('同志们：\r\n一是好，二是快');
  });
  it('is idempotent', () => {
    const once = norm('根据部署,(一)加强领导;1、压实责任');
    expect(normalizePunctuation(once)).toEqual({ text: once, changes: 0 });
  });
});
