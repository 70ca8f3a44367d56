// The API client of the console: the key from the browser session, JSON in and out, errors as
// data (the API's stable codes), and downloads that carry the key.

const KEY = 'ionmesh.apiKey';
export const API = '/api/backend/v1';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key: string) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when the API refuses the key (revoked, expired): the console signs out. */
export const onUnauthorized = (l: Listener) => {
  unauthorizedListeners.add(l);
  return () => unauthorizedListeners.delete(l);
};

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...(init.headers as Record<string, string>) };
  const key = session.key();
  if (key) headers['x-api-key'] = key;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(`${API}${path}`, { ...init, headers, body });
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = (data ?? {}) as { code?: string; message?: string; details?: unknown; errors?: unknown };
    if (res.status === 401) for (const l of unauthorizedListeners) l();
    throw new ApiError(res.status, err.code ?? `HTTP_${res.status}`, err.message ?? res.statusText, err);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/** A query string from an object, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Saves what a GET answers as a file (the key is a header, so a plain link cannot do it). */
export async function download(path: string, fallbackName: string) {
  const res = await fetch(`${API}${path}`, { headers: { 'x-api-key': session.key() ?? '' } });
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, await res.text());
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A POST of text with upload progress (fetch has none): the SIM import's progress bar. */
export function uploadText<T>(path: string, text: string, contentType: string, onProgress: (share: number) => void) {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API}${path}`);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('x-api-key', session.key() ?? '');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const data = safeJson(xhr.responseText) as Record<string, unknown>;
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else
        reject(new ApiError(xhr.status, String(data.code ?? `HTTP_${xhr.status}`), String(data.message ?? xhr.statusText), data));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload failed: the server did not answer'));
    xhr.send(text);
  });
}
