import { useCallback, useEffect, useRef, useState } from 'react';
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

  // Stable: it reads the latest fetch through a ref, so a listener subscribed once stays current.
  const reload = useCallback(() => {
    const mine = ++seq.current;
    void latest.current().then((r) => {
      if (mine === seq.current && r.ok) setData(r.data);
    });
  }, []);

  useEffect(() => {
    const timer = setTimeout(reload, options.debounceMs ?? 120);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's filters are the deps
  }, deps);

  // Subscribed again only when the events asked for change (a new array with the same names is the same).
  const eventsKey = (options.events ?? []).join(' ');
  useEffect(() => {
    const offs = eventsKey ? eventsKey.split(' ').map((event) => api.on(event as EventName, () => reload())) : [];
    return () => offs.forEach((off) => off());
  }, [eventsKey, reload]);

  return { data, reload };
}
