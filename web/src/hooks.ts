// React glue: the live link as hooks, and queries that refresh when the fleet changes.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from './api';
import { type LiveEvent, type LiveState, live, type Pulse } from './live';
import { type KeyRoot, queryKeys } from './query-keys';
import type { Overview } from './types';

export function useLiveState() {
  const [state, setState] = useState<LiveState>(live.state);
  useEffect(() => {
    const off = live.onState(setState);
    return () => {
      off();
    };
  }, []);
  return state;
}

/** Calls onEvent for every domain event (the callback may change between renders). */
export function useLiveEvents(onEvent: (e: LiveEvent) => void) {
  useEffect(() => {
    const off = live.subscribe({ onEvent });
    return () => {
      off();
    };
  }, [onEvent]);
}

/** Heartbeats of these clients, as they arrive. */
export function usePulses(clientIds: string[], onPulse: (p: Pulse) => void) {
  const key = clientIds.join(',');
  useEffect(() => {
    if (!key) return;
    const ids = key.split(',');
    const unwatch = live.watch(ids);
    const off = live.subscribe({ onPulse: (p) => ids.includes(p.client_id) && onPulse(p) });
    return () => {
      off();
      unwatch();
    };
  }, [key, onPulse]);
}

/**
 * Refetches queries whose key starts with one of `roots` when a domain event arrives, at most
 * every `ms` (a storm of registrations is one refetch, not thousands). The matcher may be a new
 * function on every render: it is read through a ref, so renders never reset the throttle.
 */
export function useRefreshOnEvents(roots: KeyRoot[], ms = 500, match?: (e: LiveEvent) => boolean) {
  const client = useQueryClient();
  const key = roots.join('|');
  const matcher = useRef(match);
  matcher.current = match;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = live.subscribe({
      onEvent: (e) => {
        if ((matcher.current && !matcher.current(e)) || timer) return;
        timer = setTimeout(() => {
          timer = null;
          for (const root of key.split('|')) void client.invalidateQueries({ queryKey: [root] });
        }, ms);
      },
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client, key, ms]);
}

/** The fleet overview: banks, pools, remsim-servers, alerts (one query shared by the pages). */
export function useOverview() {
  return useQuery({ queryKey: queryKeys.overview(), queryFn: () => api<Overview>('/fleet/overview') });
}
