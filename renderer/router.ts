import { useMemo, useSyncExternalStore } from 'react';

/** Hash routes, so a reload keeps the user where they were: #/ and #/plan/<id>. */
export type Route = { name: 'list' } | { name: 'plan'; id: string };

export function parseRoute(hash: string): Route {
  const m = /^#\/plan\/([^/?#]+)/.exec(hash);
  if (m?.[1]) return { name: 'plan', id: decodeURIComponent(m[1]) };
  return { name: 'list' };
}

export function navigate(route: Route): void {
  window.location.hash = route.name === 'plan' ? `#/plan/${encodeURIComponent(route.id)}` : '#/';
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
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
