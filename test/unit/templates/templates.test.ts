import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanDocumentSchema, type DocNode } from '../../../shared/domain/document.ts';
import { TemplateDefinitionSchema, type TemplateDefinition } from '../../../shared/templates/format.ts';
import { documentPlaceholders, instantiateTemplate, templateFromDocument } from '../../../shared/templates/instantiate.ts';
import { fillPlaceholders, findPlaceholders, unfillPlaceholders } from '../../../shared/templates/placeholders.ts';
import { computeMarkers } from '../../../shared/numbering.ts';
import { runChecks } from '../../../shared/checks/rules.ts';

const DIR = path.resolve(import.meta.dirname, '../../../resources/templates');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const load = (file: string): TemplateDefinition & { id: string } => {
  const raw = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { id: string };
  return { ...TemplateDefinitionSchema.parse(raw), id: raw.id };
};

const EXPECTED = {
  'minzhu-shenghuohui': '民主生活会查摆问题整改方案',
  'xunshi-xuncha': '巡视/巡察反馈意见整改落实方案',
  'zhuti-jiaoyu': '主题教育（学习教育）检视问题整改方案',
  shenji: '审计发现问题整改方案',
  'zuzhi-shenghuohui': '组织生活会查摆问题整改清单',
  'ducha-kaohe': '督查/考核反馈问题整改方案',
  'zhenggai-baogao': '整改落实情况报告',
};

const SAMPLE: Record<string, string> = {
  单位: 'XX市人大常委会',
  年度: '2025',
  支部: '机关第一党支部',
  巡察组: '区委第二巡察组',
  主题教育名称: '深入贯彻中央八项规定精神学习教育',
  审计项目: '预算执行',
  考核名称: '机关党建工作考核',
  整改事项: '2025年度民主生活会查摆问题',
  落款: '中共XX市人大常委会党组',
  成文日期: '2025年12月5日',
};

function allNodes(nodes: readonly DocNode[]): DocNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children)]);
}

describe('内置模板', () => {
  it('七种方案各有一个模板文件，文件名即模板编号', () => {
    const templates = files.map(load);
    expect(Object.fromEntries(templates.map((t) => [t.id, t.name]))).toEqual(EXPECTED);
    for (const file of files) expect(load(file).id).toBe(file.replace(/\.json$/, ''));
  });

  describe.each(files)('%s', (file) => {
    const t = load(file);

    it('有用途说明、标题样式、带中文名称的变量和写作提示', () => {
      expect(t.purpose.length).toBeGreaterThan(10);
      expect(findPlaceholders(t.titlePattern).length).toBeGreaterThan(0);
      expect(t.variables.length).toBeGreaterThanOrEqual(3);
      for (const v of t.variables) {
        expect(v.name).toMatch(/^[\u4e00-\u9fa5]+$/);
        expect(v.hint).not.toBe('');
      }
      const nodes = allNodes(instantiateTemplate(t, {}).document.sections);
      expect(nodes.some((n) => n.kind === 'measure')).toBe(true);
      // every top-level section carries a writing hint, and it reaches the instantiated plan
      const hints = instantiateTemplate(t, {}).hints;
      t.sections.forEach((s, i) => {
        if (s.kind === 'section') expect(hints[i]?.hint?.hint, s.heading).toBeTruthy();
      });
    });

    it('每个声明的变量都在正文中用到', () => {
      const texts = JSON.stringify({ ...t, variables: [] });
      for (const v of t.variables) expect(texts, v.name).toContain(`{${v.name}}`);
    });

    it('填好变量后生成合法的方案文档：标题已填，未填的占位符保留且可查出', () => {
      const values = Object.fromEntries(t.variables.map((v) => [v.name, SAMPLE[v.name] ?? `测试${v.name}`]));
      const result = instantiateTemplate(t, values);
      const doc = PlanDocumentSchema.parse(result.document);
      expect(doc.kind).toBe(t.kind);
      expect(findPlaceholders(doc.title)).toEqual([]);
      expect(doc.title).not.toMatch(/[。，；：！？]$/);
      for (const v of t.variables) expect(result.unfilled).not.toContain(v.name);
      expect(result.unfilled).toEqual(documentPlaceholders(doc));
      // The skeleton numbers cleanly: every numbered section gets a marker.
      const markers = computeMarkers(doc.sections, { level3Numbering: doc.level3Numbering });
      expect(markers.get(doc.sections[0]!)).toBe(doc.sections[0]!.kind === 'paragraph' ? '' : '一、');
      // The placeholders left are what the checks report, nothing is lost in between.
      const findings = runChecks({ ...doc, problems: [], outline: withIds(doc.sections) });
      const reported = new Set(findings.filter((f) => f.rule === 'placeholder').map((f) => f.message.match(/“\{(.+?)\}”/)?.[1]));
      for (const name of result.unfilled) expect(reported.has(name)).toBe(true);
      // No half-width punctuation and no odd dates in the shipped wording.
      expect(findings.filter((f) => f.rule === 'halfwidth_punctuation' || f.rule === 'date_format' || f.rule === 'title_punctuation')).toEqual([]);
    });

    it('不填变量时所有变量都作为占位符保留在方案中', () => {
      const result = instantiateTemplate(t, {});
      PlanDocumentSchema.parse(result.document);
      for (const v of t.variables) expect(result.unfilled).toContain(v.name);
      expect(result.org).toBeNull();
    });

    it('另存为模板再新建，得到同样的方案', () => {
      const values = Object.fromEntries(t.variables.map((v) => [v.name, SAMPLE[v.name] ?? `测试${v.name}`]));
      const first = instantiateTemplate(t, values).document;
      const saved = TemplateDefinitionSchema.parse(templateFromDocument(first, { name: '我的模板', purpose: '', variables: values, base: t }));
      expect(saved.titlePattern).toBe(t.titlePattern);
      expect(instantiateTemplate(saved, values).document).toEqual(first);
    });
  });
});

function withIds(nodes: readonly DocNode[], prefix = 'n'): (DocNode & { id: string; children: never[] })[] {
  return nodes.map((n, i) => ({ ...n, id: `${prefix}${i}`, children: withIds(n.children, `${prefix}${i}.`) as never[] }));
}

describe('占位符', () => {
  it('找出 {名称} 形式的占位符，去重并保持顺序；【】标签不是占位符', () => {
    expect(findPlaceholders('{单位}关于{年度}年度{单位}的方案【责任单位】')).toEqual(['单位', '年度']);
  });

  it('只替换有值的变量，空值保留占位符', () => {
    expect(fillPlaceholders('{单位}{年度}年度', { 单位: 'XX局', 年度: '  ' })).toBe('XX局{年度}年度');
  });

  it('另存为模板时把变量值还原为占位符（长的值优先，单个字符不还原）', () => {
    expect(unfillPlaceholders('XX市人大常委会领导班子2025年度', { 单位: 'XX市人大常委会', 简称: 'XX市', 年度: '2025', 序: '1' })).toBe(
      '{单位}领导班子{年度}年度',
    );
  });
});
