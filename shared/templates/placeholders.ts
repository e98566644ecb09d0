// Placeholders are `{名称}` in template and plan texts. Half-width braces never occur in official
// Chinese text, so anything still in braces is work left to do (the checks list it, the editor
// highlights it) and can never be mistaken for a label such as 【责任单位】.

export const PLACEHOLDER_PATTERN = /\{([^{}\n]{1,20})\}/g;

/** Distinct placeholder names in `text`, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = m[1]!.trim();
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER_PATTERN.lastIndex = 0;
  return new RegExp(PLACEHOLDER_PATTERN.source).test(text);
}

/** Replaces `{name}` by its value for every name with a non-blank value; others stay as they are. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole: string, name: string) => {
    const value = values[name.trim()];
    return value !== undefined && value.trim() !== '' ? value.trim() : whole;
  });
}

/**
 * The reverse, for 另存为模板: each value (longest first, at least two characters so a bare "1"
 * is not taken for a variable) becomes its placeholder again.
 */
export function unfillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(values)
    .map(([name, value]) => [name, value.trim()] as const)
    .filter(([, value]) => value.length >= 2)
    .sort((a, b) => b[1].length - a[1].length);
  if (pairs.length === 0) return text;
  // One pass with an alternation, so a value inside an already restored placeholder is not replaced again.
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const byValue = new Map(pairs.map(([name, value]) => [value, name]));
  const re = new RegExp(pairs.map(([, v]) => escape(v)).join('|'), 'g');
  return text.replace(re, (v) => `{${byValue.get(v) ?? v}}`);
}
