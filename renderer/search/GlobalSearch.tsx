import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Button, Checkbox, Input, Tag, Typography, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { SearchHit, SearchResult } from '../../shared/api/search.ts';
import { SEARCH_FIELD_LABELS } from '../../shared/search/fields.ts';
import { api, errorMessage } from '../api/client.ts';
import { navigate, type RouteTarget } from '../router.ts';
import './search.css';

/** Fields kept in 整改跟踪 (progress, evidence, 整改情况): their hits open the measure there; the rest open the editor. */
const TRACKING_FIELDS = new Set<SearchHit['field']>(['progress', 'evidence', 'evidenceNote', 'statusText']);

export function hitTarget(hit: SearchHit, tab?: 'edit' | 'tracking'): RouteTarget {
  if (hit.kind === 'plan' || hit.nodeId === null) return { name: 'plan', id: hit.planId, focus: { tab: 'edit', nodeId: 'header' } };
  const where = tab ?? (hit.kind === 'measure' && TRACKING_FIELDS.has(hit.field) ? 'tracking' : 'edit');
  return { name: 'plan', id: hit.planId, focus: { tab: where, nodeId: hit.nodeId } };
}

/** The snippet with its matches marked. */
function Marked({ hit }: { hit: SearchHit }) {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [start, end] of hit.highlights) {
    if (start > at) parts.push({ text: hit.snippet.slice(at, start), mark: false });
    parts.push({ text: hit.snippet.slice(start, end), mark: true });
    at = end;
  }
  if (at < hit.snippet.length) parts.push({ text: hit.snippet.slice(at), mark: false });
  return (
    <span className="search-snippet">
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}

interface Group {
  planId: string;
  planTitle: string;
  archived: boolean;
  hits: { hit: SearchHit; index: number }[];
}

function groupByPlan(hits: readonly SearchHit[]): Group[] {
  const groups = new Map<string, Group>();
  hits.forEach((hit, index) => {
    let g = groups.get(hit.planId);
    if (!g) groups.set(hit.planId, (g = { planId: hit.planId, planTitle: hit.planTitle, archived: hit.planArchived, hits: [] }));
    g.hits.push({ hit, index });
  });
  return [...groups.values()];
}

/**
 * 搜索 in the top bar of every page: everything in every plan (or, ticked, the plan on screen). Ctrl+K
 * anywhere, Ctrl+F outside text fields (inside one it stays the browser's find). Results by plan, the
 * matches marked; ↑/↓ and Enter open one, Esc closes.
 */
export function GlobalSearch({ planId }: { planId: string | null }) {
  const [text, setText] = useState('');
  const [onlyPlan, setOnlyPlan] = useState(false);
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ query: string; data: SearchResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<InputRef>(null);
  const box = useRef<HTMLDivElement>(null);
  const scope = onlyPlan && planId ? planId : undefined;
  const query = text.trim();

  useEffect(() => {
    if (query === '') return;
    let live = true;
    // Typing settles before asking: one query per pause, not per keystroke.
    const timer = setTimeout(() => {
      api.send('search.query', { query, ...(scope ? { planId: scope } : {}), limit: 50 }).then(
        (data) => {
          if (!live) return;
          setResult({ query, data });
          setError(null);
          setActive(0);
        },
        (err: unknown) => {
          if (live) setError(errorMessage(err));
        },
      );
    }, 180);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, scope]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'k' && key !== 'f') return;
      const target = e.target as HTMLElement | null;
      // A dialog keeps its own keys; in a text field Ctrl+F stays the browser's find.
      if (target?.closest('.ant-modal, .ant-drawer')) return;
      const typing = target?.matches('input, textarea, [contenteditable="true"], [contenteditable=""]') === true;
      if (key === 'f' && typing && !box.current?.contains(target)) return;
      e.preventDefault();
      input.current?.focus({ cursor: 'all' });
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const shown = query !== '' && result?.query === query ? result.data : null;
  const groups = useMemo(() => (shown ? groupByPlan(shown.hits) : []), [shown]);

  const go = (hit: SearchHit, tab?: 'edit' | 'tracking'): void => {
    setOpen(false);
    input.current?.blur();
    navigate(hitTarget(hit, tab));
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>): void => {
    const count = shown?.hits.length ?? 0;
    if (e.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    } else if (e.key === 'ArrowDown' && count > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % count);
    } else if (e.key === 'ArrowUp' && count > 0) {
      e.preventDefault();
      setActive((a) => (a - 1 + count) % count);
    } else if (e.key === 'Enter' && shown?.hits[active]) {
      e.preventDefault();
      go(shown.hits[active]);
    }
  };

  useEffect(() => {
    box.current?.querySelector('.search-hit.active')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <div className="global-search" ref={box}>
      <Input
        ref={input}
        aria-label="搜索"
        placeholder={scope ? '搜索当前方案（Ctrl+K）' : '搜索全部方案（Ctrl+K）'}
        prefix={<SearchOutlined aria-hidden />}
        allowClear
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {open && (query !== '' || planId) && (
        <div className="search-panel" role="region" aria-label="搜索结果">
          <div className="search-panel-head">
            {planId ? (
              <Checkbox checked={onlyPlan} onChange={(e) => setOnlyPlan(e.target.checked)}>
                只搜索当前方案
              </Checkbox>
            ) : (
              <span>搜索全部方案</span>
            )}
            <Typography.Text type="secondary" className="search-count">
              {query === '' ? '标题、正文、措施、问题、进展说明、佐证材料名称' : shown ? (shown.truncated ? `结果较多，只列出前 ${shown.hits.length} 条，请输入更具体的词` : `找到 ${shown.hits.length} 条`) : '正在搜索…'}
            </Typography.Text>
          </div>
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
          {shown && shown.hits.length === 0 && (
            <div className="search-empty">
              没有找到“{query}”{scope ? '。可取消“只搜索当前方案”，在全部方案中查找。' : '。'}
            </div>
          )}
          {groups.map((g) => (
            <section key={g.planId} className="search-group" aria-label={g.planTitle}>
              <div className="search-group-title">
                {g.planTitle}
                {g.archived && <Tag style={{ marginLeft: 6 }}>已归档</Tag>}
              </div>
              <ul>
                {g.hits.map(({ hit, index }) => (
                  <li key={index} className={`search-hit${index === active ? ' active' : ''}`} onMouseEnter={() => setActive(index)}>
                    <button type="button" className="search-hit-main" onClick={() => go(hit)}>
                      {hit.path && <span className="search-path">{hit.path}</span>}
                      <span className="search-field">{SEARCH_FIELD_LABELS[hit.field]}</span>
                      <Marked hit={hit} />
                    </button>
                    {hit.kind === 'measure' && hit.nodeId && (
                      <Button size="small" type="link" className="search-hit-alt" onClick={() => go(hit, TRACKING_FIELDS.has(hit.field) ? 'edit' : 'tracking')}>
                        {TRACKING_FIELDS.has(hit.field) ? '在编辑中打开' : '整改跟踪'}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
