import type { KeyValueStorage } from '../../renderer/editor/edit-journal.ts';

/**
 * localStorage as a page has it: strings by key, shared by every page of one browser profile, and —
 * when `quota` is set — refusing writes beyond that many characters the way browsers do.
 */
export class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  quota = Infinity;
  get length(): number {
    return this.map.size;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    const used = [...this.map].reduce((n, [k, v]) => n + (k === key ? 0 : v.length), 0);
    if (used + value.length > this.quota) throw new DOMException('存储空间已满', 'QuotaExceededError');
    this.map.set(key, String(value));
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}
