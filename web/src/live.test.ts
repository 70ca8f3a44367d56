// The live link against a scripted event stream: events and pulses dispatched, a drop resumed
// after the last event id (or the stream's head when none came yet), the watch list in the query.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from './api';
import { backoffMs, type LiveEvent, LiveLink, type Pulse, streamQuery } from './live';

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A fetch that answers each call with the next scripted stream; each stream ends (a drop). */
function scriptedFetch(streams: Array<{ head?: number; frames: string[] }>) {
  const calls: Call[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, headers: init.headers as Record<string, string> });
    const next = streams.shift();
    if (!next) return new Promise(() => {}); // the last connection stays open
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const f of next.frames) c.enqueue(new TextEncoder().encode(f));
        c.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'x-last-event-id': String(next.head ?? 0) } });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

const event = (id: number, type: string, data: Record<string, unknown>) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify({ id, type, tenant_id: 1, data, created_at: '2026-11-25T12:00:00Z' })}\n\n`;
const pulse = (client_id: string) =>
  `event: client.heartbeat\ndata: ${JSON.stringify({ client_id, tenant_id: 1, at: '2026-11-25T12:00:01Z', health: 'active', stats: { rsrp: -90 } })}\n\n`;

describe('live link', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    session.signIn('imk_test');
  });
  afterEach(() => {
    vi.useRealTimers();
    session.signOut();
  });

  it('dispatches events and pulses, and resumes after the last event id when the stream drops', async () => {
    const { impl, calls } = scriptedFetch([
      { head: 40, frames: [event(41, 'client.online', { client_id: 'a' }), pulse('a'), event(42, 'slot.status_changed', {})] },
      { frames: [event(43, 'client.offline', { client_id: 'a' })] },
    ]);
    const link = new LiveLink(impl);
    const events: LiveEvent[] = [];
    const pulses: Pulse[] = [];
    link.subscribe({ onEvent: (e) => events.push(e), onPulse: (p) => pulses.push(p) });
    const states: string[] = [];
    link.onState((s) => states.push(s));
    link.start();
    await vi.advanceTimersByTimeAsync(20_000);
    link.stop();
    expect(events.map((e) => e.id)).toEqual([41, 42, 43]);
    expect(pulses.map((p) => p.client_id)).toEqual(['a']);
    expect(calls[0]?.headers['x-api-key']).toBe('imk_test');
    expect(calls[0]?.headers['last-event-id']).toBeUndefined();
    expect(calls[1]?.headers['last-event-id']).toBe('42');
    expect(calls[2]?.headers['last-event-id']).toBe('43');
    // The third connection never answers: still reconnecting when the link stops.
    expect(states).toEqual(['off', 'connecting', 'live', 'reconnecting', 'live', 'reconnecting', 'off']);
  });

  it('resumes from the stream head it was told when no event came before the drop', async () => {
    const { impl, calls } = scriptedFetch([{ head: 977, frames: [': keepalive\n\n'] }]);
    const link = new LiveLink(impl);
    link.start();
    await vi.advanceTimersByTimeAsync(5_000);
    link.stop();
    expect(calls[1]?.headers['last-event-id']).toBe('977');
  });

  it('asks for the heartbeats of watched clients, and reconnects when the list changes', async () => {
    const { impl, calls } = scriptedFetch([]);
    const link = new LiveLink(impl);
    link.start();
    await vi.advanceTimersByTimeAsync(10);
    const unwatch = link.watch(['r-2', 'r-1']);
    await vi.advanceTimersByTimeAsync(500);
    unwatch();
    await vi.advanceTimersByTimeAsync(500);
    link.stop();
    expect(calls.map((c) => c.url)).toEqual([
      '/api/backend/v1/events',
      '/api/backend/v1/events?heartbeats_of=r-1%2Cr-2',
      '/api/backend/v1/events',
    ]);
  });

  it('backs off from half a second to 15 s, never in lockstep', () => {
    expect(backoffMs(0, () => 0.5)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(4000);
    expect(backoffMs(30, () => 0.5)).toBe(15_000);
    expect(backoffMs(2, () => 0)).toBeLessThan(backoffMs(2, () => 0.99));
    expect(streamQuery(Array.from({ length: 300 }, (_, i) => `c${i}`)).split('%2C').length).toBe(200);
  });
});
