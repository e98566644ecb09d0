import { useEffect, useState } from 'react';

/** Hash routes, so a reload keeps the user where they were: #/ and #/plan/<id>. */
export type Route = { name: 'list' } | { name: 'plan'; id: string };

export function parseRoute(hash: string): Route {
  const m = /^#\/plan\/([^/?#]+)/.exec(hash);
  if (m?.[1]) return { name: 'plan', id: decodeURIComponent(m[1]) };
  return { name: 'list' };
}

function routeHash(route: Route): string {
  return route.name === 'plan' ? `#/plan/${encodeURIComponent(route.id)}` : '#/';
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

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    shown = window.location.hash;
    const onChange = (): void => {
      const hash = window.location.hash;
      if (guard && hash !== allowed && hash !== shown) {
        // Back/forward or a typed address while the page must ask first: stay, then ask.
        window.history.replaceState(window.history.state, '', shown || '#/');
        leaveThenGo(hash);
        return;
      }
      allowed = null;
      shown = hash;
      setRoute(parseRoute(hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
