import { useEffect, useRef, useState } from 'react';
import type { EventName, Result } from '../../../contract';
import { api } from '../api/client';

/**
 * A list that loads from the core and stays current: the latest request wins
 * (a slow answer to an older filter never overwrites a newer one), typing is
 * debounced, and the events that change the rows reload them with the filters
 * on screen now — not the ones the screen opened with, which a listener
 * subscribed once would keep (Stock and Proveedores did).
 */
export function useLiveQuery<T>(
  fetch: () => Promise<Result<T>>,
  deps: readonly unknown[],
  options: { events?: readonly EventName[]; debounceMs?: number } = {},
): { data: T | null; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const latest = useRef(fetch);
  latest.current = fetch;
  const seq = useRef(0);

  const reload = () => {
    const mine = ++seq.current;
    void latest.current().then((r) => {
      if (mine === seq.current && r.ok) setData(r.data);
    });
  };

  useEffect(() => {
    const timer = setTimeout(reload, options.debounceMs ?? 120);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's filters are the deps
  }, deps);

  useEffect(() => {
    const offs = (options.events ?? []).map((event) => api.on(event, () => reload()));
    return () => offs.forEach((off) => off());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribed once; reload reads the latest fetch
  }, []);

  return { data, reload };
}
