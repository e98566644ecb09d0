/**
 * The excerpt a search hit shows: the text around the first match on one line, with where each match
 * is, so the page can mark it and the CLI can bracket it. Matching ignores case as the index does.
 */

export type Span = [start: number, end: number];

export interface Snippet {
  snippet: string;
  highlights: Span[];
}

/** Characters kept before the first match (the rest of the width follows it). */
const LEAD = 24;
export const SNIPPET_WIDTH = 90;

/** Lower case without changing any offset (a few letters lengthen under toLowerCase; those stay as they are). */
function fold(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Every occurrence of every term, sorted, overlapping ones merged. */
export function findMatches(text: string, terms: readonly string[]): Span[] {
  const hay = fold(text);
  const spans: Span[] = [];
  for (const term of terms) {
    const needle = fold(term);
    if (needle === '') continue;
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) spans.push([at, at + needle.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** Whether the text holds every term (what a hit must do; the 1–2 character lookup reads raw JSON). */
export function containsAll(text: string, terms: readonly string[]): boolean {
  const hay = fold(text);
  return terms.every((t) => hay.includes(fold(t)));
}

/** The excerpt around the first match; null when the text does not contain a term at all. */
export function makeSnippet(text: string, terms: readonly string[], width: number = SNIPPET_WIDTH): Snippet | null {
  const flat = text.replace(/[\r\n\t]/g, ' ');
  const matches = findMatches(flat, terms);
  const first = matches[0];
  if (!first) return null;
  let start = Math.max(0, first[0] - LEAD);
  const end = Math.min(flat.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const shift = prefix.length - start;
  const highlights = matches
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): Span => [Math.max(s, start) + shift, Math.min(e, end) + shift]);
  return { snippet: prefix + flat.slice(start, end) + suffix, highlights };
}

/** 【】 around each match, for plain text output (the CLI). */
export function bracketed(s: Snippet): string {
  let out = '';
  let at = 0;
  for (const [start, end] of s.highlights) {
    out += s.snippet.slice(at, start) + '【' + s.snippet.slice(start, end) + '】';
    at = end;
  }
  return out + s.snippet.slice(at);
}

/** The terms of a query: words separated by spaces, each required. */
export function queryTerms(query: string): string[] {
  return [...new Set(query.trim().split(/\s+/u).filter((t) => t !== ''))];
}
