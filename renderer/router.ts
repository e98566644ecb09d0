import { useMemo, useSyncExternalStore } from 'react';

/** Hash routes, so a reload keeps the user where they were: #/, #/plan/<id> and #/settings/backup (设置 → 备份与恢复). */
export type Route = { name: 'list' } | { name: 'plan'; id: string } | { name: 'settings'; section: 'backup' };

export function parseRoute(hash: string): Route {
  const m = /^#\/plan\/([^/?#]+)/.exec(hash);
  if (m?.[1]) return { name: 'plan', id: decodeURIComponent(m[1]) };
  if (/^#\/settings(\/backup)?(?:[/?#]|$)/.test(hash)) return { name: 'settings', section: 'backup' };
  return { name: 'list' };
}

function routeHash(route: Route): string {
  if (route.name === 'plan') return `#/plan/${encodeURIComponent(route.id)}`;
  if (route.name === 'settings') return `#/settings/${route.section}`;
  return '#/';
}

/**
 * Asked before the app leaves the page it shows (the editor with unsaved edits answers); resolves
 * true to go on. One at a time: the page on screen sets it.
 */
export type LeaveGuard = () => Promise<boolean>;

let guard: LeaveGuard | null = null;
/** The hash of the page on screen: a change the guard declines is undone to it */
let shown: string | null = null;
/** A change the guard already agreed to */
let allowed: string | null = null;

export function setLeaveGuard(next: LeaveGuard): () => void {
  guard = next;
  return () => {
    if (guard === next) guard = null;
  };
}

function leaveThenGo(target: string): void {
  const ask = guard;
  if (!ask) {
    window.location.hash = target;
    return;
  }
  void ask().then((ok) => {
    if (!ok) return;
    allowed = target;
    window.location.hash = target;
  });
}

export function navigate(route: Route): void {
  const target = routeHash(route);
  if (target === window.location.hash) return;
  leaveThenGo(target);
}

/**
 * Listens for address changes. While the page on screen must be asked before it is left (unsaved
 * edits), a back/forward or typed address is undone at once and the guard asked; only a change the
 * guard agreed to reaches React.
 */
function subscribeToHash(onChange: () => void): () => void {
  shown = window.location.hash;
  const listener = (): void => {
    const hash = window.location.hash;
    if (guard && hash !== allowed && hash !== shown) {
      window.history.replaceState(window.history.state, '', shown || '#/');
      leaveThenGo(hash);
      return;
    }
    allowed = null;
    shown = hash;
    onChange();
  };
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/**
 * The current route. useSyncExternalStore re-reads the hash once it has subscribed, so a navigation
 * between the first render and the subscription is not lost. (With useState + useEffect it was: a
 * hash set right after the page loaded — as the end-to-end tests do — left the plan list on screen
 * and the plan's tabs never appeared; the one retry in vitest.e2e.config.ts was hiding that.)
 */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash);
  return useMemo(() => parseRoute(hash), [hash]);
}
