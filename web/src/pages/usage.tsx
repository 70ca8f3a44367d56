// Usage: each card's data in its billing cycle (top first), or summed per client or tenant, with
// its plan and cost; a chart of a card's days. "Not reported" is never shown as 0.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { useAccess } from '../access';
import { api, download, qs } from '../api';
import { Chart } from '../components/chart';
import { ErrorNote, Pager, Section } from '../components/ui';
import { bytes, int } from '../format';
import { useRefreshOnEvents } from '../hooks';
import { queryKeys } from '../query-keys';
import type { CardSettings, CardUsage, CycleRow, Group as Group_, Page, Plan } from '../types';
import { parseThresholds, showThresholds } from './plans';

type Group = 'card' | 'client' | 'tenant' | 'group';

const money = (v: number | null | undefined, currency: string | null | undefined) =>
  v === null || v === undefined ? '—' : `${v.toFixed(2)} ${currency ?? ''}`.trim();
/** The last day of a cycle whose end (the next cycle's first day) is given. */
export const lastDay = (end: string | null | undefined) =>
  end ? new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : '—';
/** Bytes, or "not reported" when no counter ever came (a client that never heartbeats). */
export const used = (v: number | null | undefined) => (v === null || v === undefined ? 'not reported' : bytes(v));

export function UsagePage() {
  const [day, setDay] = useState(() => new Date().toISOString().slice(0, 10));
  const [group, setGroup] = useState<Group>('card');
  const [offset, setOffset] = useState(0);
  const [card, setCard] = useState<{ bank_id: number; slot_id: number } | null>(null);
  const limit = 50;
  const query = { day, cycle_group_by: group, limit, offset };
  const list = useQuery({
    queryKey: queryKeys.usageCycles(query),
    queryFn: () => api<Page<CycleRow> & { day: string }>(`/usage/cycles${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const groups = useQuery({
    queryKey: queryKeys.groups(),
    queryFn: () => api<Page<Group_>>('/groups?limit=200'),
    enabled: group === 'group',
  });
  const groupNames = new Map((groups.data?.items ?? []).map((g) => [g.id, g.name]));
  useRefreshOnEvents(['usage-cycles'], 2000, (e) => e.type.startsWith('usage.') || e.type.startsWith('card.'));
  return (
    <div className="page">
      <h1>Usage</h1>
      <div className="toolbar">
        <label className="inline">
          Cycles holding{' '}
          <input
            type="date"
            value={day}
            required
            onChange={(e) => {
              if (e.target.value) setDay(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label className="inline">
          Per{' '}
          <select
            value={group}
            onChange={(e) => {
              setGroup(e.target.value as Group);
              setOffset(0);
              setCard(null);
            }}
          >
            <option value="card">card</option>
            <option value="client">client</option>
            <option value="tenant">tenant</option>
            <option value="group">group</option>
          </select>
        </label>
        <button
          type="button"
          onClick={() =>
            download(`/exports/usage${qs({ kind: 'cycles', day, cycle_group_by: group, format: 'csv' })}`, 'ionmesh-usage.csv')
          }
        >
          Export CSV
        </button>
      </div>
      <p className="muted small">
        Each card’s own billing cycle (its plan’s cycle day; the calendar month without a plan). 1 MB = 10⁶ bytes; costs in the
        plan’s currency.
      </p>
      <ErrorNote error={list.error} />
      <div className="table-wrap">
        <table className="table" data-testid="usage-table">
          <thead>
            <tr>
              {group === 'card' && <th scope="col">Card</th>}
              {group === 'card' && <th scope="col">ICCID</th>}
              {(group === 'card' || group === 'client') && <th scope="col">Client</th>}
              {group === 'tenant' && <th scope="col">Tenant</th>}
              {group === 'group' && <th scope="col">Group</th>}
              {group === 'card' ? (
                <th scope="col">Plan</th>
              ) : (
                <th scope="col" className="num">
                  Cards
                </th>
              )}
              <th scope="col" className="num">
                Used
              </th>
              {group === 'card' && (
                <th scope="col" className="num">
                  Of allowance
                </th>
              )}
              <th scope="col" className="num">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((r) => (
              <tr
                key={`${r.tenant_id}-${r.bank_id ?? ''}-${r.slot_id ?? ''}-${r.client_id ?? ''}-${r.group_id ?? ''}-${r.currency ?? ''}`}
              >
                {group === 'card' && (
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={card?.bank_id === r.bank_id && card?.slot_id === r.slot_id}
                      onClick={() => setCard({ bank_id: r.bank_id as number, slot_id: r.slot_id as number })}
                    >
                      {r.bank_id}:{r.slot_id}
                    </button>
                  </td>
                )}
                {group === 'card' && <td className="mono">{r.iccid ?? '—'}</td>}
                {(group === 'card' || group === 'client') && (
                  <td>{r.client_id ? <Link href={`/clients/${encodeURIComponent(r.client_id)}`}>{r.client_id}</Link> : '—'}</td>
                )}
                {group === 'tenant' && <td>{r.tenant_id}</td>}
                {group === 'group' && <td>{groupNames.get(r.group_id as number) ?? `group ${r.group_id}`}</td>}
                {group === 'card' ? <td>{r.plan_name ?? '—'}</td> : <td className="num">{int(r.cards)}</td>}
                <td className="num">{used(r.total_bytes)}</td>
                {group === 'card' && (
                  <td className="num">{r.used_percent === null || r.used_percent === undefined ? '—' : `${r.used_percent} %`}</td>
                )}
                <td className="num">{money(r.cost, r.currency)}</td>
              </tr>
            ))}
            {list.data?.items.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  No usage reported in these cycles. Clients that never heartbeat (the deployed OpenWRT client) report none.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {list.data && <Pager total={list.data.total} limit={limit} offset={offset} onOffset={setOffset} />}
      {card && <CardChart {...card} />}
    </div>
  );
}

function CardChart({ bank_id, slot_id }: { bank_id: number; slot_id: number }) {
  const u = useQuery({
    queryKey: queryKeys.cardUsage(bank_id, slot_id),
    queryFn: () => api<CardUsage>(`/usage/cards/${bank_id}/${slot_id}`),
  });
  if (!u.data) return <ErrorNote error={u.error} />;
  const days = [...new Set(u.data.days.map((d) => d.day))];
  const sum = (day: string, k: 'rx_bytes' | 'tx_bytes') =>
    u.data.days.filter((d) => d.day === day).reduce((n, d) => n + (d[k] ?? 0), 0);
  return (
    <Section title={`Card ${bank_id}:${slot_id}${u.data.iccid ? ` · ${u.data.iccid}` : ''}`} testId="card-usage">
      <p>
        This cycle ({u.data.cycle.start} – {lastDay(u.data.cycle.end)}): <strong>{used(u.data.cycle.total_bytes)}</strong>
        {u.data.plan_id ? ` · plan ${u.data.plan_id} (${u.data.plan_source})` : ' · no plan'}
      </p>
      {days.length > 0 && (
        <Chart
          title="Data per day"
          t={days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000)}
          series={[
            { label: 'received', values: days.map((d) => sum(d, 'rx_bytes')), color: '#2f7ed8', unit: 'B' },
            { label: 'sent', values: days.map((d) => sum(d, 'tx_bytes')), color: '#d88e2f', unit: 'B' },
          ]}
          testId="card-usage-chart"
          range={[Date.parse(`${u.data.from}T00:00:00Z`) / 1000 - 43_200, Date.parse(`${u.data.to}T00:00:00Z`) / 1000 + 43_200]}
        />
      )}
      <CardSettingsForm bank_id={bank_id} slot_id={slot_id} />
      <CardTagsForm bank_id={bank_id} slot_id={slot_id} />
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Cycle</th>
            <th scope="col" className="num">
              Received
            </th>
            <th scope="col" className="num">
              Sent
            </th>
            <th scope="col" className="num">
              TPDUs
            </th>
          </tr>
        </thead>
        <tbody>
          {u.data.cycles.map((c) => (
            <tr key={c.cycle_start}>
              <td>
                {c.cycle_start} – {lastDay(c.cycle_end)}
              </td>
              <td className="num">{used(c.rx_bytes)}</td>
              <td className="num">{used(c.tx_bytes)}</td>
              <td className="num">{int(c.tpdus)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** A card's own plan (over its carrier's default) and validity end; read-only without manage. */
function CardSettingsForm({ bank_id, slot_id }: { bank_id: number; slot_id: number }) {
  const { can } = useAccess();
  const queries = useQueryClient();
  const path = `/usage/cards/${bank_id}/${slot_id}/settings`;
  const settings = useQuery({ queryKey: queryKeys.cardSettings(bank_id, slot_id), queryFn: () => api<CardSettings>(path) });
  const plans = useQuery({ queryKey: queryKeys.plans(), queryFn: () => api<Page<Plan>>('/plans?limit=200') });
  const [edit, setEdit] = useState<{ plan: string; valid: string; thresholds: string } | null>(null);
  const save = useMutation({
    mutationFn: (v: { plan: string; valid: string; thresholds: string }) =>
      api(path, {
        method: 'PUT',
        json: {
          plan_id: v.plan === '' ? null : Number(v.plan),
          valid_until: v.valid || null,
          thresholds: parseThresholds(v.thresholds),
        },
      }),
    onSuccess: () => {
      setEdit(null);
      for (const key of [queryKeys.cardSettings(bank_id, slot_id), queryKeys.cardUsage(bank_id, slot_id), ['usage-cycles']])
        queries.invalidateQueries({ queryKey: key });
    },
  });
  if (!settings.data) return <ErrorNote error={settings.error} />;
  const s = settings.data;
  const v = edit ?? {
    plan: s.plan_id === null ? '' : String(s.plan_id),
    valid: s.valid_until ?? '',
    thresholds: showThresholds(s.thresholds),
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(v);
  };
  return (
    <form className="toolbar" onSubmit={submit} data-testid="card-settings">
      <label className="inline">
        Own plan{' '}
        <select value={v.plan} disabled={!can('manage')} onChange={(e) => setEdit({ ...v, plan: e.target.value })}>
          <option value="">its carrier’s default</option>
          {(plans.data?.items ?? [])
            .filter((p) => p.tenant_id === s.tenant_id)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
      </label>
      <label className="inline">
        Valid until{' '}
        <input type="date" value={v.valid} disabled={!can('manage')} onChange={(e) => setEdit({ ...v, valid: e.target.value })} />
      </label>
      <label className="inline">
        Own thresholds{' '}
        <input
          value={v.thresholds}
          disabled={!can('manage')}
          placeholder="90 event"
          onChange={(e) => setEdit({ ...v, thresholds: e.target.value })}
        />
      </label>
      {can('manage') && (
        <button type="submit" disabled={edit === null || save.isPending}>
          Save card settings
        </button>
      )}
      <ErrorNote error={save.error} />
    </form>
  );
}

/** A card's tags (they put it in filter groups). */
function CardTagsForm({ bank_id, slot_id }: { bank_id: number; slot_id: number }) {
  const { can } = useAccess();
  const queries = useQueryClient();
  const path = `/card-tags/${bank_id}/${slot_id}`;
  const tags = useQuery({ queryKey: queryKeys.cardTags(bank_id, slot_id), queryFn: () => api<{ tags: string[] }>(path) });
  const [text, setText] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (list: string[]) => api(path, { method: 'PUT', json: { tags: list } }),
    onSuccess: () => {
      setText(null);
      queries.invalidateQueries({ queryKey: queryKeys.cardTags(bank_id, slot_id) });
      queries.invalidateQueries({ queryKey: queryKeys.cardUsage(bank_id, slot_id) });
    },
  });
  if (!tags.data) return <ErrorNote error={tags.error} />;
  const value = text ?? tags.data.tags.join(', ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      value
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    );
  };
  return (
    <form className="toolbar" onSubmit={submit} data-testid="card-tags">
      <label className="inline">
        Tags{' '}
        <input value={value} disabled={!can('manage')} placeholder="pilot, north" onChange={(e) => setText(e.target.value)} />
      </label>
      {can('manage') && (
        <button type="submit" disabled={text === null || save.isPending}>
          Save tags
        </button>
      )}
      <ErrorNote error={save.error} />
    </form>
  );
}
