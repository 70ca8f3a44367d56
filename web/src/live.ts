// The console's live link: one Server-Sent Events stream over fetch (EventSource cannot send the
// API key header), parsed by eventsource-parser. It reconnects by itself with back-off and
// resumes after the last event id it saw, so no domain event is lost across a drop. Heartbeat
// pulses (no id) are asked for only for the clients on screen.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { API, session } from './api';

export interface LiveEvent {
  id: number;
  type: string;
  tenant_id: number | null;
  data: Record<string, unknown>;
  created_at: string;
}
export interface Pulse {
  client_id: string;
  tenant_id: number;
  at: string;
  health: string;
  stats: Record<string, unknown> | null;
}
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'off';

type Handler = { onEvent?: (e: LiveEvent) => void; onPulse?: (p: Pulse) => void };

/** Back-off between reconnects: 0.5 s doubling to 15 s, with jitter. */
export const backoffMs = (attempt: number, random = Math.random) =>
  Math.round(Math.min(15_000, 500 * 2 ** Math.min(attempt, 5)) * (0.75 + random() * 0.5));

/** The query of the stream: every domain event, plus the heartbeats of the watched clients. */
export function streamQuery(watched: Iterable<string>) {
  const ids = [...new Set(watched)].sort().slice(0, 200);
  return ids.length ? `?heartbeats_of=${encodeURIComponent(ids.join(','))}` : '';
}

export class LiveLink {
  private handlers = new Set<Handler>();
  private watched = new Map<string, number>();
  private stateListeners = new Set<(s: LiveState) => void>();
  private controller: AbortController | null = null;
  private lastId: number | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  state: LiveState = 'off';

  constructor(private readonly fetchImpl: typeof fetch = (...a) => fetch(...a)) {}

  subscribe(h: Handler) {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }

  onState(l: (s: LiveState) => void) {
    this.stateListeners.add(l);
    l(this.state);
    return () => this.stateListeners.delete(l);
  }

  /** Asks for the heartbeat pulses of these clients while the returned function is not called. */
  watch(clientIds: string[]) {
    const before = this.watchKey();
    for (const id of clientIds) this.watched.set(id, (this.watched.get(id) ?? 0) + 1);
    if (this.watchKey() !== before) this.restartSoon();
    return () => {
      const was = this.watchKey();
      for (const id of clientIds) {
        const n = (this.watched.get(id) ?? 1) - 1;
        if (n <= 0) this.watched.delete(id);
        else this.watched.set(id, n);
      }
      if (this.watchKey() !== was) this.restartSoon();
    };
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop() {
    this.stopped = true;
    this.controller?.abort();
    if (this.timer) clearTimeout(this.timer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.setState('off');
  }

  private watchKey() {
    return [...this.watched.keys()].sort().join(',');
  }

  /** A changed watch list reconnects (resuming after the last id: nothing is lost). */
  private restartSoon() {
    if (this.stopped) return;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.controller?.abort();
      if (this.timer) clearTimeout(this.timer);
      void this.connect();
    }, 150);
  }

  private setState(s: LiveState) {
    if (s === this.state) return;
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  private async connect() {
    if (this.stopped) return;
    const controller = new AbortController();
    this.controller = controller;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const headers: Record<string, string> = { accept: 'text/event-stream', 'x-api-key': session.key() ?? '' };
    if (this.lastId !== null) headers['last-event-id'] = String(this.lastId);
    try {
      const res = await this.fetchImpl(`${API}/events${streamQuery(this.watched.keys())}`, {
        headers,
        signal: controller.signal,
      });
      if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
      if (this.lastId === null) {
        // A first connection starts at the newest event: earlier ones are what the pages loaded.
        this.lastId = Number(res.headers.get('x-last-event-id') ?? '') || null;
      }
      this.attempt = 0;
      this.setState('live');
      const parser = createParser({ onEvent: (m) => this.dispatch(m) });
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      throw new Error('event stream ended');
    } catch {
      if (controller.signal.aborted || this.stopped || this.controller !== controller) return;
      this.setState('reconnecting');
      this.timer = setTimeout(() => void this.connect(), backoffMs(this.attempt++));
    }
  }

  private dispatch(m: EventSourceMessage) {
    let data: unknown;
    try {
      data = JSON.parse(m.data);
    } catch {
      return;
    }
    if (m.event === 'client.heartbeat') {
      for (const h of this.handlers) h.onPulse?.(data as Pulse);
      return;
    }
    const e = data as LiveEvent;
    if (m.id) this.lastId = Number(m.id);
    for (const h of this.handlers) h.onEvent?.(e);
  }
}

export const live = new LiveLink();
