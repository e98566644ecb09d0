// The `rectify parse --json` shape (issue 3 contract): markers derived and normalised, headings without
// marker or final 。, bodies without the responsibility line, measure fields or null.
import { walkNumbered } from '../numbering.ts';
import type { DocNode, PlanDocument } from '../domain/document.ts';

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
  warnings: string[];
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
  return {
    title: document.title,
    addressee: document.addressee,
    preamble: [...document.preamble],
    sections: document.sections.map(project),
    attachments: [...document.attachments],
    issuer: document.issuer,
    date: document.date,
    warnings: [...warnings],
  };
}
