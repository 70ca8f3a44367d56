// Locked cards: what IonMesh took out of service (failures, IMEI, usage, validity), why, and
// whether its client has moved; an operator unlocks one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useAccess } from '../access';
import { api, qs } from '../api';
import { Badge, Confirm, ErrorNote, Loading, Section } from '../components/ui';
import { when } from '../format';
import { useRefreshOnEvents } from '../hooks';
import { queryKeys } from '../query-keys';
import type { CardLock, ImeiBinding, Page } from '../types';

export function CardLocksPage() {
  const { can } = useAccess();
  const queries = useQueryClient();
  const [all, setAll] = useState(false);
  const [unlocking, setUnlocking] = useState<CardLock | null>(null);
  const list = useQuery({
    queryKey: queryKeys.cardLocks(all),
    queryFn: () => api<Page<CardLock>>(`/card-locks${qs({ all: all || undefined, limit: 200 })}`),
  });
  useRefreshOnEvents(['card-locks'], 500, (e) => e.type.startsWith('card.'));
  const unlock = useMutation({
    mutationFn: (l: CardLock) => api(`/card-locks/${l.bank_id}/${l.slot_id}/unlock`, { method: 'POST' }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['card-locks'] }),
  });
  if (list.isPending) return <Loading what="locked cards" />;
  return (
    <div className="page">
      <h1>Locked cards</h1>
      <label className="inline">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Also the ones unlocked
      </label>
      <ErrorNote error={list.error ?? unlock.error} />
      <div className="table-wrap">
        <table className="table" data-testid="locks-table">
          <thead>
            <tr>
              <th scope="col">Card</th>
              <th scope="col">Why</th>
              <th scope="col">Reason</th>
              <th scope="col">State</th>
              <th scope="col">Client</th>
              <th scope="col">Locked</th>
              {can('manage') && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((l) => (
              <tr key={l.id}>
                <td>
                  <Link href={`/banks/${l.bank_id}`}>
                    {l.bank_id}:{l.slot_id}
                  </Link>{' '}
                  <span className="mono small">{l.iccid ?? ''}</span>
                </td>
                <td>
                  <Badge value={l.kind} kind="warning" />
                </td>
                <td>{l.reason}</td>
                <td>
                  {l.unlocked_at
                    ? `unlocked ${when(l.unlocked_at)} by ${l.unlocked_by}`
                    : l.state === 'pending_move'
                      ? 'waiting for a free card'
                      : `card ${l.slot_status ?? ''}`}
                </td>
                <td>{l.client_id ? <Link href={`/clients/${encodeURIComponent(l.client_id)}`}>{l.client_id}</Link> : '—'}</td>
                <td>{when(l.locked_at)}</td>
                {can('manage') && (
                  <td>
                    {!l.unlocked_at && (
                      <button type="button" onClick={() => setUnlocking(l)}>
                        Unlock
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {list.data?.items.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  No card is locked.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <ImeiBindings />
      <Confirm
        open={unlocking !== null}
        title={`Unlock card ${unlocking?.bank_id}:${unlocking?.slot_id}?`}
        confirmLabel="Unlock"
        busy={unlock.isPending}
        onConfirm={() => {
          if (unlocking) unlock.mutate(unlocking);
          setUnlocking(null);
        }}
        onCancel={() => setUnlocking(null)}
      >
        It serves again: its client’s if one still holds it, else the next registration’s.
      </Confirm>
    </div>
  );
}

/** IMEI bindings: how many cards are bound, and "lock what you see" for the whole tenant. */
function ImeiBindings() {
  const { can, who } = useAccess();
  const queries = useQueryClient();
  const [enforcing, setEnforcing] = useState(false);
  const list = useQuery({
    queryKey: queryKeys.imeiBindings(),
    queryFn: () => api<Page<ImeiBinding>>('/imei-bindings?limit=1'),
  });
  const bind = useMutation({
    mutationFn: () =>
      api<{ bound: number }>('/imei-bindings/bind-current', {
        method: 'POST',
        json: { tenant_id: who?.tenant_id ?? 1, enforcing },
      }),
    onSuccess: () => queries.invalidateQueries({ queryKey: queryKeys.imeiBindings() }),
  });
  return (
    <Section title="IMEI bindings" testId="imei-bindings">
      <p>
        {list.data ? `${list.data.total} card(s) or client(s) bound to a modem IMEI.` : ''} A heartbeat from another IMEI is an
        event (card.imei_changed); an enforcing binding also refuses it and blocks the card.
      </p>
      {can('manage') && (
        <p>
          <label className="inline">
            <input type="checkbox" checked={enforcing} onChange={(e) => setEnforcing(e.target.checked)} /> Enforcing
          </label>{' '}
          <button type="button" onClick={() => bind.mutate()} disabled={bind.isPending}>
            Bind the IMEIs in use now
          </button>{' '}
          {bind.data && <span role="status">{bind.data.bound} card(s) bound.</span>}
        </p>
      )}
      <ErrorNote error={list.error ?? bind.error} />
    </Section>
  );
}
