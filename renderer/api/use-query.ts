import { useEffect, useState } from 'react';
import { errorMessage } from './client.ts';

export interface QueryState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
}

/** Loads data from the api when `deps` change, keeping failures as a Chinese message. */
export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: null, loading: true });
  const key = JSON.stringify(deps);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (err: unknown) => live && setState((s) => ({ ...s, error: errorMessage(err), loading: false })),
    );
    return () => {
      live = false;
    };
    // `key` stands for the caller's dependency list; `load` is a fresh closure every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const reload = async (): Promise<void> => {
    try {
      setState({ data: await load(), error: null, loading: false });
    } catch (err) {
      setState((s) => ({ ...s, error: errorMessage(err), loading: false }));
    }
  };
  return { ...state, reload };
}
