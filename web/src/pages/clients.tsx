// The client table: server-side filter, sort and pages (smooth with 100,000 clients: only one
// page is ever fetched), export of the filter, and rows that update live as heartbeats arrive.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, download } from '../api';
import { Badge, ErrorNote, Pager } from '../components/ui';
import {
  apiQuery,
  type ClientFilter,
  filterSearch,
  LIVENESS,
  MODES,
  PAGE_SIZES,
  parseFilter,
  toggleSort,
  withFilter,
} from '../filters';
import { ago, dbm, when } from '../format';
import { usePulses, useRefreshOnEvents } from '../hooks';
import type { Pulse } from '../live';
import { queryKeys } from '../query-keys';
import type { ClientRow, Page } from '../types';

const COLUMNS: Array<{ key: string; label: string; sort?: ClientFilter['sort'] }> = [
  { key: 'client', label: 'Client', sort: 'client_id' },
  { key: 'tenant', label: 'Tenant', sort: 'tenant_id' },
  { key: 'liveness', label: 'Liveness', sort: 'liveness' },
  { key: 'mode', label: 'Mode', sort: 'mapping_mode' },
  { key: 'slot', label: 'Bank / slot', sort: 'bank' },
  { key: 'carrier', label: 'Carrier' },
  { key: 'iccid', label: 'ICCID' },
  { key: 'signal', label: 'RSRP' },
  { key: 'heartbeat', label: 'Last heartbeat', sort: 'last_heartbeat' },
];

export function ClientsPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filter = parseFilter(search);
  const go = (f: ClientFilter) => navigate(`/clients${filterSearch(f)}`);
  const query = apiQuery(filter);
  const list = useQuery({
    queryKey: queryKeys.clients(query),
    queryFn: () => api<Page<ClientRow>>(`/clients?${query}`),
    placeholderData: keepPreviousData,
  });
  useRefreshOnEvents(['clients'], 1000, (e) => e.type.startsWith('client.'));

  // Heartbeats of the rows on screen update them in place.
  const [pulses, setPulses] = useState<Record<string, Pulse>>({});
  const ids = (list.data?.items ?? []).map((c) => c.client_id);
  usePulses(
    ids,
    useCallback((p: Pulse) => setPulses((all) => ({ ...all, [p.client_id]: p })), []),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page starts from what the API says
  useEffect(() => setPulses({}), [list.dataUpdatedAt]);

  const [exporting, setExporting] = useState<string | null>(null);
  const exportAs = async (format: 'csv' | 'json') => {
    setExporting(format);
    try {
      await download(`/exports/clients?${apiQuery(filter, false)}&format=${format}`, `ionmesh-clients.${format}`);
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="page">
      <h1>Clients</h1>
      <FilterForm filter={filter} onChange={go} />
      <div className="toolbar">
        <span className="muted" aria-live="polite">
          {list.data ? `${list.data.total.toLocaleString()} clients match` : 'Loading…'}
          {list.isFetching && ' · refreshing'}
        </span>
        <span className="spacer" />
        <label>
          Rows{' '}
          <select value={filter.limit} onChange={(e) => go(withFilter(filter, { limit: Number(e.target.value) }))}>
            {PAGE_SIZES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void exportAs('csv')} disabled={exporting !== null}>
          {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
        </button>
        <button type="button" onClick={() => void exportAs('json')} disabled={exporting !== null}>
          {exporting === 'json' ? 'Exporting…' : 'Export JSON'}
        </button>
      </div>
      <ErrorNote error={list.error} />
      <div className="table-wrap">
        <table className="table clients" data-testid="clients-table" aria-busy={list.isFetching}>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const sorted = c.sort && filter.sort === c.sort;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={sorted ? (filter.order === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {c.sort ? (
                      <button
                        type="button"
                        className="sort"
                        onClick={() => go(toggleSort(filter, c.sort as ClientFilter['sort']))}
                      >
                        {c.label} <span aria-hidden="true">{sorted ? (filter.order === 'asc' ? '▲' : '▼') : '↕'}</span>
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((c) => (
              <Row key={`${c.tenant_id}:${c.client_id}`} client={c} pulse={pulses[c.client_id]} />
            ))}
            {list.data && list.data.items.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  No client matches this filter.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {list.data && (
        // The pager follows the page on screen (the answer's), not the one being fetched.
        <Pager
          total={list.data.total}
          limit={list.data.limit}
          offset={list.data.offset}
          onOffset={(offset) => go(withFilter(filter, { offset }))}
        />
      )}
    </div>
  );
}

function Row({ client: c, pulse }: { client: ClientRow; pulse?: Pulse }) {
  const liveness = pulse ? 'online' : c.liveness;
  const rsrp = pulse?.stats?.rsrp ?? c.client_stats?.rsrp;
  const beat = pulse?.at ?? c.last_heartbeat;
  return (
    <tr data-client={c.client_id}>
      <th scope="row">
        <Link href={`/clients/${encodeURIComponent(c.client_id)}`}>{c.client_id}</Link>
        {c.simulated && <span className="muted small"> sim</span>}
      </th>
      <td>{c.tenant_id}</td>
      <td>
        <Badge value={liveness} />
        {c.rspro_connected && (
          <span className="muted small" title="Connected to the remsim-server (RSPRO)">
            {' '}
            RSPRO
          </span>
        )}
      </td>
      <td className="small">{c.mapping_mode}</td>
      <td>
        {c.bank_id}/{c.slot_id}
      </td>
      <td>{c.carrier ?? '—'}</td>
      <td className="mono small">{c.iccid ?? '—'}</td>
      <td className="num">{dbm(rsrp)}</td>
      <td data-testid="last-heartbeat" title={when(beat)}>
        <time dateTime={beat ?? undefined}>{ago(beat)}</time>
      </td>
    </tr>
  );
}

function FilterForm({ filter, onChange }: { filter: ClientFilter; onChange: (f: ClientFilter) => void }) {
  const [text, setText] = useState(filter.q ?? '');
  const [carrier, setCarrier] = useState(filter.carrier ?? '');
  useEffect(() => setText(filter.q ?? ''), [filter.q]);
  useEffect(() => setCarrier(filter.carrier ?? ''), [filter.carrier]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(withFilter(filter, { q: text.trim() || undefined, carrier: carrier.trim() || undefined }));
  };
  const numberOrUndefined = (v: string) => (v === '' ? undefined : Number(v));
  return (
    <search aria-label="Filter clients">
      <form className="filters" onSubmit={submit}>
        <label>
          Search
          <input
            type="search"
            name="q"
            placeholder="client id, ICCID or IMSI"
            value={text}
            maxLength={100}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label>
          Liveness
          <select
            name="status"
            value={filter.status ?? ''}
            onChange={(e) => onChange(withFilter(filter, { status: (e.target.value || undefined) as ClientFilter['status'] }))}
          >
            <option value="">any</option>
            {LIVENESS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Mode
          <select
            name="mapping_mode"
            value={filter.mapping_mode ?? ''}
            onChange={(e) =>
              onChange(withFilter(filter, { mapping_mode: (e.target.value || undefined) as ClientFilter['mapping_mode'] }))
            }
          >
            <option value="">any</option>
            {MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Tenant
          <input
            type="number"
            name="tenant_id"
            min={0}
            inputMode="numeric"
            value={filter.tenant_id ?? ''}
            onChange={(e) => onChange(withFilter(filter, { tenant_id: numberOrUndefined(e.target.value) }))}
          />
        </label>
        <label>
          Bank
          <input
            type="number"
            name="bank_id"
            min={1}
            max={1023}
            inputMode="numeric"
            value={filter.bank_id ?? ''}
            onChange={(e) => onChange(withFilter(filter, { bank_id: numberOrUndefined(e.target.value) }))}
          />
        </label>
        <label>
          Carrier
          <input
            type="text"
            name="carrier"
            placeholder="name or MCC+MNC"
            value={carrier}
            maxLength={100}
            onChange={(e) => setCarrier(e.target.value)}
          />
        </label>
        <button type="submit" className="primary">
          Apply
        </button>
      </form>
    </search>
  );
}
