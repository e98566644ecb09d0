// "Nothing is lost": every character of a fixture's content reaches the recognised plan (title, preamble,
// headings, bodies, measure fields, attachments, 落款, date), except numbering markers, field labels, the
// ledger header row and the lines the recogniser lists as dropped (web debris, a duplicate outline).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognisePlan } from '../../../shared/importer/recognise.ts';
import { normalizePunctuation } from '../../../shared/text/punctuation.ts';
import type { DocNode, PlanDocument } from '../../../shared/domain/document.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));

// The test's own idea of structure, written independently of the recogniser.
const MARKER = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[㈠-㈩]|\d{1,3}[.．、)）](?!\d)|[（(]\d{1,3}[)）]|[①-⑳](?![^①-⑳]*[①-⑳])|问题\d+[：:]|附件[：:]\s*(?:\d+[.．、])?)/;
const LABELS = /(?:【[^【】]{1,8}】)|(?:牵头领导|责任领导|分管领导|牵头单位|牵头部门|责任单位|责任部门|责任科室|责任处室|配合单位|配合部门|配合科室|具体责任人|责任人|完成时限|整改时限|完成时间|整改期限|整改情况|完成情况|整改类型)\s*[：:]/g;
const HEADER_CELLS = /^(?:序号|问题类别|存在问题|整改措施|责任领导|责任部门|责任单位|责任人|整改时限|完成时限|完成情况)$/;

function content(s: string): string[] {
  return [...s].filter((c) => /[\p{L}\p{N}]/u.test(c));
}

function countChars(chars: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of chars) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

function outputStrings(doc: PlanDocument): string[] {
  const out: string[] = [doc.title, doc.addressee ?? '', ...doc.preamble, ...doc.attachments, doc.issuer ?? '', doc.date ?? ''];
  const walk = (nodes: DocNode[]) => {
    for (const n of nodes) {
      out.push(n.heading, ...n.body);
      if (n.measure) {
        const m = n.measure;
        out.push(m.leader ?? '', m.department ?? '', ...m.cooperating, m.person ?? '', m.deadline ?? '', m.statusText ?? '');
      }
      walk(n.children);
    }
  };
  walk(doc.sections);
  return out.filter((s) => s !== '');
}

describe.each(files)('nothing lost: %s', (file) => {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8');
  const result = recognisePlan(text);
  const droppedTexts = result.dropped.map((d) => d.text);

  it('keeps every content character of the source', () => {
    const pending = [...droppedTexts];
    const source: string[] = [];
    for (const rawLine of text.split(/\r\n|\r|\n/)) {
      const line = normalizePunctuation(rawLine.trim()).text;
      if (line === '') continue;
      const d = pending.indexOf(line);
      if (d >= 0) {
        pending.splice(d, 1);
        continue;
      }
      if (line.includes('\t')) {
        const cells = line.split('\t');
        if (cells.filter((c) => HEADER_CELLS.test(c.trim())).length >= 3) continue; // the ledger header row
        if (/^\d+$/.test(cells[0]!.trim())) cells.shift(); // 序号 column = marker
        source.push(...content(cells.join('')));
        continue;
      }
      source.push(...content(line.replace(MARKER, '').replace(LABELS, '')));
    }
    expect(pending, 'every dropped line is a real source line').toEqual([]);
    const have = countChars(outputStrings(result.document).flatMap(content));
    const missing: string[] = [];
    for (const [ch, n] of countChars(source)) {
      const got = have.get(ch) ?? 0;
      if (got < n) missing.push(`${ch}×${n - got}`);
    }
    expect(missing, 'characters missing from the recognised plan').toEqual([]);
  });

  it('invents nothing: every output text occurs in the (normalised) source', () => {
    const flat = normalizePunctuation(text).text.replace(/\s/g, '');
    for (const s of outputStrings(result.document)) {
      // Values whose column/label has no field come back as "label：value" (a table's 问题类别 column).
      const value = s.replace(/^(?:问题类别|整改类型|完成标准|整改标准|备注)：/, '');
      expect(flat.includes(value.replace(/\s/g, '')), `not in source: ${s.slice(0, 40)}`).toBe(true);
    }
  });

  it('lists every dropped line in the warnings', () => {
    for (const d of result.dropped.filter((x) => x.reason === 'debris')) {
      expect(result.warnings.some((w) => w.includes(d.text))).toBe(true);
    }
    if (result.dropped.some((x) => x.reason === 'outline')) expect(result.warnings.some((w) => w.includes('目录'))).toBe(true);
  });
});
