// Carriers by MCC+MNC (the ITU list), searchable and paged.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../api';
import { ErrorNote, Pager } from '../components/ui';
import { queryKeys } from '../query-keys';
import type { Carrier, Page } from '../types';

export function CarriersPage() {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const limit = 50;
  const list = useQuery({
    queryKey: queryKeys.carriers(q, offset),
    queryFn: () => api<Page<Carrier>>(`/carriers${qs({ q: q.trim() || undefined, limit, offset })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="page">
      <h1>Carriers</h1>
      <label className="inline">
        Search{' '}
        <input
          type="search"
          value={q}
          placeholder="name, country or code"
          maxLength={100}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
        />
      </label>
      <ErrorNote error={list.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">MCC+MNC</th>
              <th scope="col">Brand</th>
              <th scope="col">Operator</th>
              <th scope="col">Country</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((c) => (
              <tr key={c.mcc_mnc}>
                <td className="mono">{c.mcc_mnc}</td>
                <td>{c.brand ?? '—'}</td>
                <td>{c.operator ?? '—'}</td>
                <td>{c.country_name ?? c.country_code ?? '—'}</td>
                <td>{c.status ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data && <Pager total={list.data.total} limit={limit} offset={offset} onOffset={setOffset} />}
    </div>
  );
}
