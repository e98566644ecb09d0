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
  /** The dependency key the data was loaded for: loading while it differs from the current one */
  key: string | null;
}

/** Loads data from the api when `deps` change, keeping failures as a Chinese message. */
export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: null, key: null });
  const key = JSON.stringify(deps);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null, key }),
      (err: unknown) => live && setState((s) => ({ ...s, error: errorMessage(err), key })),
    );
    return () => {
      live = false;
    };
    // `key` stands for the caller's dependency list; `load` is a fresh closure every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const reload = async (): Promise<void> => {
    try {
      setState({ data: await load(), error: null, key });
    } catch (err) {
      setState((s) => ({ ...s, error: errorMessage(err), key }));
    }
  };
  // Derived, not stored: when the dependencies change, the old data shows as loading at once.
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
}
