// Reads a Server-Sent Events stream of IonMesh's /events into frames (with or without id).
import { expect } from 'vitest';
import { ADMIN_KEY } from './harness.js';

export interface Frame {
  id: number;
  event: string;
  data: { id: number; type: string; tenant_id: number | null; data: Record<string, unknown> };
}

/** Opens the stream and collects frames until `count` arrived or `ms` passed. */
export async function collect(url: string, count: number, ms: number, headers: Record<string, string> = {}, query = '') {
  const ctl = new AbortController();
  const res = await fetch(`${url}/api/backend/v1/events${query}`, {
    headers: { accept: 'text/event-stream', 'x-api-key': ADMIN_KEY, ...headers },
    signal: ctl.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const frames: Frame[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const timer = setTimeout(() => ctl.abort(), ms);
  try {
    while (frames.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        if (field('data'))
          frames.push({
            id: field('id') === undefined ? 0 : Number(field('id')),
            event: field('event') as string,
            data: JSON.parse(field('data') as string),
          });
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
  return { frames };
}
