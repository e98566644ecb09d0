// The plan under construction while the body is read. A line's meaning depends on what came before it
// (the open headings, an open table, a 附件说明 in progress), and the later passes (measures, the ledger
// appendix, the numbering check) need facts the source carried that a PlanDocument does not keep: the
// original numbers, which nodes were table rows, which fields were labelled. So the readers share this
// one state instead of passing a dozen variables.
import type { DocNode, Problem } from '../domain/document.ts';
import { compareKey } from './appendix.ts';
import { emptyFields, type ParsedFields } from './responsibility.ts';
import type { ColumnMap } from './table.ts';
import type { DroppedLine, RecogniseNote } from './types.ts';

export interface Meta {
  fields: ParsedFields;
  /** the node's own responsibility came from a labelled block/line (not inherited, not a sentence) */
  labelled: boolean;
  level: number;
  problemNode: boolean;
  tableRow: boolean;
  n: number;
  /** How the node's own fields were found, for the preview's note (null: not from the text's own lines) */
  fieldsFrom: string | null;
}

/** An open heading; rank orders them (1..5 numbered levels, fractions for unnumbered and closing ones). */
export interface Frame {
  node: DocNode;
  rank: number;
}

/** A ledger table being read: rows below a merged 问题/类别 cell carry the last one. */
export interface OpenTable {
  columns: ColumnMap;
  header: string[];
  category: string | null;
  problem: string | null;
  problemKey: string | null;
}

/** A run of 1. 2. 3. items under one parent: whether a plan numbers them on across sections is voted on. */
export interface Level3Run {
  parent: DocNode | null;
  first: number;
  last: number;
}

export function newNode(kind: DocNode['kind'], heading: string, level: number | undefined): DocNode {
  return { kind, heading, body: [], style: level === undefined ? {} : { level }, measure: null, problemKeys: [], children: [] };
}

export class PlanBuilder {
  readonly warnings: string[] = [];
  readonly dropped: DroppedLine[] = [];
  readonly notes: RecogniseNote[] = [];
  /** Lines the user demoted in the preview: never headings */
  readonly demoted: ReadonlySet<string>;
  /** Dropped lines the user brought back in the preview: content, wherever they stand */
  readonly restored: ReadonlySet<string>;
  /** Directory names that make a sentence's owner credible (family 7) */
  readonly knownNames: readonly string[];
  /** Line index → level of headings inferred without numbers (family 6) */
  inferred = new Map<number, 1 | 2>();
  inferredReasons = new Map<number, string>();

  constructor(options: { demoted?: readonly string[]; restored?: readonly string[]; knownNames?: readonly string[] } = {}) {
    this.demoted = new Set(options.demoted ?? []);
    this.restored = new Set(options.restored ?? []);
    this.knownNames = options.knownNames ?? [];
  }

  readonly preamble: string[] = [];
  readonly roots: DocNode[] = [];
  readonly problems: Problem[] = [];
  readonly attachments: string[] = [];
  /** The source lines each attachment entry came from (so an entry can be dropped with its lines) */
  readonly attachmentSources: string[][] = [];
  readonly meta = new Map<DocNode, Meta>();
  readonly level3Runs: Level3Run[] = [];
  stack: Frame[] = [];
  table: OpenTable | null = null;
  /** Inside a 附件说明: numbered lines are attachment names, not headings */
  attachMode = false;
  closing: DocNode | null = null;
  /** 成文日期; a 填报日期 footer supplies it when the signature has none */
  date: string | null = null;

  top(): DocNode | null {
    return this.stack[this.stack.length - 1]?.node ?? null;
  }

  metaOf(node: DocNode): Meta {
    let m = this.meta.get(node);
    if (!m) {
      m = { fields: emptyFields(), labelled: false, level: node.style.level ?? 0, problemNode: false, tableRow: false, n: 0, fieldsFrom: null };
      this.meta.set(node, m);
    }
    return m;
  }

  place(node: DocNode, rank: number): void {
    const stack = this.stack;
    while (stack.length > 0 && stack[stack.length - 1]!.rank >= rank) stack.pop();
    const parent = this.top();
    if (parent) parent.children.push(node);
    else this.roots.push(node);
    stack.push({ node, rank });
    this.closing = null;
  }

  addProblem(text: string, category: string | null): string {
    const key = `P${this.problems.length + 1}`;
    this.problems.push({ key, category, text });
    return key;
  }

  /** The key of the problem with this wording, added if new: a ledger repeats a merged 问题 cell row by row. */
  problemFor(text: string, category: string | null): string {
    const key = compareKey(text);
    const existing = this.problems.find((p) => compareKey(p.text) === key);
    return existing ? existing.key : this.addProblem(text, category);
  }

  /** The nearest open heading above the top one that has a heading text. */
  parentHeading(): string | null {
    for (let k = this.stack.length - 2; k >= 0; k--) {
      const h = this.stack[k]!.node.heading;
      if (h) return h;
    }
    return null;
  }

  /** The number a 1. item under the current heading should carry next. */
  expectedLevel3(): number {
    const parent = this.stack.filter((f) => f.rank < 3).pop()?.node ?? null;
    const run = this.level3Runs.filter((r) => r.parent === parent).pop();
    return run ? run.last + 1 : 1;
  }

  /** Records the number of the level-3 item just placed on top of the stack. */
  noteLevel3(n: number): void {
    const stack = this.stack;
    const parent = stack.length >= 2 ? stack[stack.length - 2]!.node : null;
    const run = this.level3Runs.filter((r) => r.parent === parent).pop();
    if (run) run.last = n;
    else this.level3Runs.push({ parent, first: n, last: n });
  }
}
