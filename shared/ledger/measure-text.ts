// What the ledger's 问题 / 整改措施 / 问题类别 columns show for a measure whose source paired a problem
// with it (issue 16 item 6): the 整改措施 cell holds the measure's own text — not the problem heading it
// was written under, not its 存在问题/具体表现 paragraphs, not the "整改措施：" label — and a structural
// heading (问题清单及整改安排, 关于第1方面问题的整改) is neither a problem nor a category.
import type { Problem } from '../domain/document.ts';
import { MEASURE_LABEL, PROBLEM_DETAIL_LABEL, isStructuralHeading } from '../domain/problem-words.ts';

function key(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '');
}

/** The measure's heading and body as the 整改措施 column shows them. */
export function measureOwnText(heading: string, body: readonly string[], linked: readonly Problem[]): { heading: string; body: string[] } {
  if (linked.length === 0) return { heading, body: [...body] };
  // A heading that is the problem itself, or the category it belongs to, is not the measure.
  const problemKeys = new Set(linked.flatMap((p) => [key(p.text), ...(p.category ? [key(p.category)] : [])]));
  const headingIsProblem = problemKeys.has(key(heading));
  const own = body.filter((p) => !PROBLEM_DETAIL_LABEL.test(p)).map((p) => p.replace(MEASURE_LABEL, ''));
  if (!headingIsProblem) return { heading, body: own };
  // The measure text starts with its first own paragraph (its lead sentence).
  const [first, ...rest] = own.filter((p) => p !== '');
  return { heading: first ?? '', body: rest };
}

/** A heading shown as a problem or category only when it names one. */
export function problemHeadingOrEmpty(heading: string): string {
  return isStructuralHeading(heading) ? '' : heading;
}
