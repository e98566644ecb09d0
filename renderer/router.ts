import { useEffect, useState } from 'react';

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

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
