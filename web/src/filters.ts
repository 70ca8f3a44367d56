// The client table's filter, sort and page, kept in the URL (shareable, survives reload):
// parsed from and written to the search string, and turned into the API query.

export const LIVENESS = ['online', 'offline', 'unknown'] as const;
export const MODES = ['ONE_TO_ONE_SWSIM', 'ONE_TO_ONE_VSIM', 'KI_PROXY_SWSIM'] as const;
export const SORTS = ['client_id', 'tenant_id', 'liveness', 'last_heartbeat', 'created_at', 'bank', 'mapping_mode'] as const;
export const PAGE_SIZES = [25, 50, 100, 200] as const;

export interface ClientFilter {
  status?: (typeof LIVENESS)[number];
  mapping_mode?: (typeof MODES)[number];
  tenant_id?: number;
  bank_id?: number;
  carrier?: string;
  q?: string;
  sort: (typeof SORTS)[number];
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
const positive = (v: string | null, max: number) => {
  if (v === null || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 0 && n <= max ? n : undefined;
};
const text = (v: string | null) => (v?.trim() ? v.trim().slice(0, 100) : undefined);

/** Anything odd in the URL is dropped rather than sent to the API (which would answer 400). */
export function parseFilter(search: string): ClientFilter {
  const p = new URLSearchParams(search);
  const limit = positive(p.get('limit'), 1000);
  return {
    status: oneOf(LIVENESS, p.get('status')),
    mapping_mode: oneOf(MODES, p.get('mapping_mode')),
    tenant_id: positive(p.get('tenant_id'), 2_147_483_647),
    bank_id: positive(p.get('bank_id'), 1023) || undefined,
    carrier: text(p.get('carrier')),
    q: text(p.get('q')),
    sort: oneOf(SORTS, p.get('sort')) ?? 'client_id',
    order: p.get('order') === 'desc' ? 'desc' : 'asc',
    limit: limit && (PAGE_SIZES as readonly number[]).includes(limit) ? limit : 50,
    offset: positive(p.get('offset'), 100_000_000) ?? 0,
  };
}

/** The search string of a filter, leaving out defaults so that URLs stay short. */
export function filterSearch(f: ClientFilter) {
  const p = new URLSearchParams();
  const put = (k: string, v: string | number | undefined, skip?: string | number) => {
    if (v !== undefined && v !== '' && v !== skip) p.set(k, String(v));
  };
  put('q', f.q);
  put('status', f.status);
  put('mapping_mode', f.mapping_mode);
  put('tenant_id', f.tenant_id);
  put('bank_id', f.bank_id);
  put('carrier', f.carrier);
  put('sort', f.sort, 'client_id');
  put('order', f.order, 'asc');
  put('limit', f.limit, 50);
  put('offset', f.offset, 0);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A changed filter goes back to the first page; a changed page keeps the filter. */
export function withFilter(f: ClientFilter, change: Partial<ClientFilter>): ClientFilter {
  const paging = Object.keys(change).every((k) => k === 'offset');
  return { ...f, ...change, offset: paging ? (change.offset ?? f.offset) : 0 };
}

/** A click on a column header: sort by it, or flip the order when it already sorts. */
export function toggleSort(f: ClientFilter, sort: ClientFilter['sort']): ClientFilter {
  return withFilter(f, { sort, order: f.sort === sort && f.order === 'asc' ? 'desc' : 'asc' });
}

/** The API query of a filter (the export takes the same one without paging). */
export function apiQuery(f: ClientFilter, paging = true) {
  const p = new URLSearchParams();
  for (const k of ['q', 'status', 'mapping_mode', 'tenant_id', 'bank_id', 'carrier', 'sort', 'order'] as const) {
    const v = f[k];
    if (v !== undefined && v !== '') p.set(k, String(v));
  }
  if (paging) {
    p.set('limit', String(f.limit));
    p.set('offset', String(f.offset));
  }
  return p.toString();
}
