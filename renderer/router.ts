import { useMemo, useSyncExternalStore } from 'react';

/** Where a plan page opens: a node in the editor ('header' = the plan's 标题 and 开头) or a measure in 整改跟踪. */
export interface PlanFocus {
  tab: 'edit' | 'tracking';
  nodeId: string;
  /** counts navigations to this same address (a second click on the same search hit opens it again) */
  visit: number;
}

/**
 * Hash routes, so a reload keeps the user where they were: #/ (the 工作台), #/plan/<id>, and a place
 * in a plan: #/plans/<id>/tracking/<measureId> (整改跟踪 with that measure selected) or
 * #/plans/<id>/edit/<nodeId> (the editor with that node selected); #/settings/backup (设置 → 备份与恢复).
 */
export type Route = { name: 'list' } | { name: 'plan'; id: string; focus?: PlanFocus } | { name: 'settings'; section: 'backup' };

export function parseRoute(hash: string, visit = 0): Route {
  const at = /^#\/plans\/([^/?#]+)\/(tracking|edit)\/([^/?#]+)/.exec(hash);
  if (at?.[1] && at[3]) {
    return { name: 'plan', id: decodeURIComponent(at[1]), focus: { tab: at[2] === 'tracking' ? 'tracking' : 'edit', nodeId: decodeURIComponent(at[3]), visit } };
  }
  const m = /^#\/plans?\/([^/?#]+)/.exec(hash);
  if (m?.[1]) return { name: 'plan', id: decodeURIComponent(m[1]) };
  if (/^#\/settings(\/backup)?(?:[/?#]|$)/.test(hash)) return { name: 'settings', section: 'backup' };
  return { name: 'list' };
}

export type RouteTarget = { name: 'list' } | { name: 'plan'; id: string; focus?: Omit<PlanFocus, 'visit'> } | { name: 'settings'; section: 'backup' };

/** The address of a page (for links: a row of the 工作台 is a real link a user can open with the keyboard). */
export function routeHash(route: RouteTarget): string {
  if (route.name === 'list') return '#/';
  if (route.name === 'settings') return `#/settings/${route.section}`;
  if (route.focus) return `#/plans/${encodeURIComponent(route.id)}/${route.focus.tab}/${encodeURIComponent(route.focus.nodeId)}`;
  return `#/plan/${encodeURIComponent(route.id)}`;
}

/** The page an address shows: moving within one plan's page (another measure, another tab) leaves nothing. */
function pageOf(hash: string): string {
  const route = parseRoute(hash);
  return route.name === 'plan' ? `plan:${route.id}` : route.name;
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
  if (!ask || pageOf(target) === pageOf(shown ?? window.location.hash)) {
    window.location.hash = target;
    return;
  }
  void ask().then((ok) => {
    if (!ok) return;
    allowed = target;
    window.location.hash = target;
  });
}

/** Navigations to the address already shown: the page opens its place again (the user may have moved away within it). */
let visits = 0;
const revisitListeners = new Set<() => void>();

export function navigate(route: RouteTarget): void {
  const target = routeHash(route);
  if (target === window.location.hash) {
    visits++;
    for (const listener of revisitListeners) listener();
    return;
  }
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
    if (guard && hash !== allowed && hash !== shown && pageOf(hash) !== pageOf(shown ?? '')) {
      window.history.replaceState(window.history.state, '', shown || '#/');
      leaveThenGo(hash);
      return;
    }
    allowed = null;
    shown = hash;
    onChange();
  };
  window.addEventListener('hashchange', listener);
  revisitListeners.add(onChange);
  return () => {
    window.removeEventListener('hashchange', listener);
    revisitListeners.delete(onChange);
  };
}

/**
 * The current route. useSyncExternalStore re-reads the hash once it has subscribed, so a navigation
 * between the first render and the subscription is not lost. (With useState + useEffect it was: a
 * hash set right after the page loaded — as the end-to-end tests do — left the plan list on screen
 * and the plan's tabs never appeared; the one retry in vitest.e2e.config.ts was hiding that.)
 */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash);
  const visit = useSyncExternalStore(subscribeToHash, () => visits);
  return useMemo(() => parseRoute(hash, visit), [hash, visit]);
}
