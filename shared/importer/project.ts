// The `rectify parse --json` shape (issue 3 contract): markers derived and normalised, headings without
// marker or final 。, bodies without the responsibility line, measure fields or null.
import { walkNumbered } from '../numbering.ts';
import type { CoverNotice, DocNode, PlanDocument } from '../domain/document.ts';
import { isClosingFormula } from './closing-formula.ts';

export interface ParseNodeJson {
  marker: string;
  heading: string;
  body: string[];
  children: ParseNodeJson[];
  measure: {
    leader: string | null;
    department: string | null;
    person: string | null;
    deadline: string | null;
    status: string | null;
  } | null;
}

export interface ParseJson {
  title: string;
  addressee: string | null;
  preamble: string[];
  sections: ParseNodeJson[];
  attachments: string[];
  issuer: string | null;
  date: string | null;
  /** 特此报告。 and the like: the document's closing formula, before its 落款 (not a section) */
  closing: string[];
  /** The 印发通知 the plan was issued under, when the text carries one */
  notice: CoverNotice | null;
  warnings: string[];
}

/** A closing paragraph that holds only closing formulas (特此报告。), not a speech's last paragraph. */
function isClosingNode(node: DocNode): boolean {
  return node.kind === 'paragraph' && node.heading === '' && node.children.length === 0 && node.body.length > 0 && node.body.every((p) => p.length <= 40 && isClosingFormula(p));
}

export function toParseJson(document: PlanDocument, warnings: string[]): ParseJson {
  const markers = new Map<DocNode, string>();
  walkNumbered(document.sections, { level3Numbering: document.level3Numbering }, (node, marker) => markers.set(node, marker));
  const project = (node: DocNode): ParseNodeJson => ({
    marker: markers.get(node) ?? '',
    heading: node.heading.replace(/[。.]+$/, ''),
    body: [...node.body],
    children: node.children.map(project),
    measure: node.measure
      ? {
          leader: node.measure.leader,
          department: [node.measure.department, ...node.measure.cooperating].filter((s): s is string => s !== null && s !== '').join('；') || null,
          person: node.measure.person,
          deadline: node.measure.deadline,
          status: node.measure.statusText === null ? null : node.measure.status,
        }
      : null,
  });
  const last = document.sections[document.sections.length - 1];
  const closing = last && isClosingNode(last) ? last : null;
  return {
    title: document.title,
    addressee: document.addressee,
    preamble: [...document.preamble],
    sections: document.sections.filter((n) => n !== closing).map(project),
    attachments: [...document.attachments],
    issuer: document.issuer,
    date: document.date,
    closing: closing ? [...closing.body] : [],
    notice: document.notice ?? null,
    warnings: [...warnings],
  };
}
