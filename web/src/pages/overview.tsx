// The fleet at a glance: counts, alerts, banks, KI pools, remsim-servers, recent events, signal.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import { api, qs } from '../api';
import { Chart } from '../components/chart';
import { Badge, ErrorNote, Loading, Meter, Section } from '../components/ui';
import { int, when } from '../format';
import { useLiveEvents, useOverview, useRefreshOnEvents } from '../hooks';
import type { LiveEvent } from '../live';
import { queryKeys } from '../query-keys';
import type { Incident, Page, Prediction, Series } from '../types';

const clientsLink = (params: Record<string, string>) => `/clients${qs(params)}`;

export function OverviewPage() {
  const overview = useOverview();
  const fleet = useQuery({
    queryKey: queryKeys.fleetStats(),
    queryFn: () => api<Series>('/stats/fleet?range=24h'),
    refetchInterval: 60_000,
  });
  const recent = useQuery({
    queryKey: queryKeys.recentEvents(),
    queryFn: () => api<{ items: LiveEvent[] }>('/events?newest=true&limit=15'),
  });
  // What self-healing has open and what fault prediction expects (their totals).
  const incidents = useQuery({
    queryKey: queryKeys.incidents('open-count'),
    queryFn: () => api<Page<Incident>>('/incidents?state=open&limit=1'),
  });
  const atRisk = useQuery({
    queryKey: queryKeys.predictions('at-risk-count'),
    queryFn: () => api<Page<Prediction>>('/predictions?at_risk=true&limit=1'),
  });
  useRefreshOnEvents(
    ['incidents', 'predictions'],
    1000,
    (e) => e.type.startsWith('incident.') || e.type.startsWith('prediction.'),
  );
  const [live, setLive] = useState<LiveEvent[]>([]);
  useRefreshOnEvents(['overview'], 1000);
  useLiveEvents(useCallback((e: LiveEvent) => setLive((l) => [e, ...l].slice(0, 15)), []));

  if (overview.isPending) return <Loading what="the fleet" />;
  if (overview.error) return <ErrorNote error={overview.error} />;
  const o = overview.data;
  const seen = new Set(live.map((e) => e.id));
  const events = [...live, ...(recent.data?.items ?? []).filter((e) => !seen.has(e.id))].slice(0, 15);
  const c = o.clients;
  return (
    <div className="page">
      <h1>Fleet overview</h1>
      <div className="tiles" data-testid="client-counts">
        <Tile label="Clients" value={c.total} href="/clients" />
        <Tile label="Online" value={c.online} href={clientsLink({ status: 'online' })} kind="online" />
        <Tile label="Offline" value={c.offline} href={clientsLink({ status: 'offline' })} kind="offline" />
        <Tile label="Liveness unknown" value={c.unknown} href={clientsLink({ status: 'unknown' })} kind="unknown" />
        <Tile
          label="Open incidents"
          value={incidents.data?.total ?? 0}
          href="/incidents"
          kind={incidents.data?.total ? 'offline' : undefined}
        />
        <Tile
          label="Predicted failures"
          value={atRisk.data?.total ?? 0}
          href="/incidents"
          kind={atRisk.data?.total ? 'offline' : undefined}
        />
      </div>

      <Section title={`Alerts (${o.alerts.length})`} testId="alerts">
        {o.alerts.length === 0 ? (
          <p className="muted">No alerts: every pool has room, every bank is connected.</p>
        ) : (
          <ul className="alerts">
            {o.alerts.map((a) => (
              <li key={`${a.kind}:${a.ref}`} className={`alert alert-${a.severity}`}>
                <Badge value={a.severity} /> {a.message}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <div className="grid-2">
        <Section title="Clients by tenant">
          <TallyTable
            rows={c.by_tenant.map((t) => ({
              key: String(t.tenant_id),
              label: `${t.name} (#${t.tenant_id})`,
              href: clientsLink({ tenant_id: String(t.tenant_id) }),
              ...t,
            }))}
          />
        </Section>
        <Section title="Clients by mode">
          <TallyTable
            rows={c.by_mode.map((m) => ({
              key: m.mapping_mode,
              label: m.mapping_mode,
              href: clientsLink({ mapping_mode: m.mapping_mode }),
              ...m,
            }))}
          />
        </Section>
        <Section title="Clients by carrier">
          <TallyTable
            rows={c.by_carrier.map((k) => ({
              key: k.carrier,
              label: k.carrier,
              href: clientsLink({ carrier: k.carrier }),
              ...k,
            }))}
          />
        </Section>
        <Section title="Slot utilisation per bank" testId="bank-utilisation">
          {o.banks.length === 0 && <p className="muted">No banks yet.</p>}
          {o.banks.map((b) => (
            <div key={b.bank_id} className="bank-line">
              <Link href={`/banks/${b.bank_id}`}>
                Bank {b.bank_id}: {b.name}
              </Link>{' '}
              {b.bankd_connected === false ? (
                <Badge value="bankd offline" kind="offline" />
              ) : b.bankd_connected ? (
                <Badge value="bankd connected" kind="online" />
              ) : null}
              <Meter used={b.assigned} total={b.slots} label="assigned" />
            </div>
          ))}
        </Section>
        <Section title="KI proxy pools">
          {o.ki_pools.length === 0 && <p className="muted">No KI proxy pools.</p>}
          {o.ki_pools.map((p) => (
            <Meter key={p.id} used={p.used} total={p.capacity} label={`${p.pool_name} (${p.carrier ?? p.mcc_mnc})`} />
          ))}
        </Section>
        <Section title="remsim-servers">
          <ul className="plain">
            {o.remsim_servers.map((s) => (
              <li key={s.id}>
                <Badge
                  value={s.reachable === false ? 'unreachable' : s.reachable ? 'reachable' : 'not checked'}
                  kind={s.reachable === false ? 'offline' : s.reachable ? 'online' : 'unknown'}
                />{' '}
                <strong>{s.name}</strong> <span className="muted">{s.url}</span>
                {s.simulated && <Badge value="simulated" kind="unknown" />}{' '}
                <span className="muted">last pass {when(s.last_pass_at)}</span>
                {s.conflicts > 0 && <Badge value={`${s.conflicts} conflicts`} kind="warning" />}
                {(s.stalled ?? 0) > 0 && <Badge value={`${s.stalled} stalled`} kind="offline" />}
              </li>
            ))}
          </ul>
        </Section>
      </div>

      <Section title="Fleet signal, last 24 h (5-minute averages)">
        {fleet.data ? (
          <Chart
            title="Average RSRP and SINR"
            t={fleet.data.series.t as number[]}
            range={[Date.parse(fleet.data.from) / 1000, Date.parse(fleet.data.to) / 1000]}
            series={[
              { label: 'RSRP', values: fleet.data.series.rsrp ?? [], color: '#2f7ed8', unit: 'dBm' },
              { label: 'SINR', values: fleet.data.series.sinr ?? [], color: '#2fb37e', unit: 'dB' },
            ]}
          />
        ) : (
          <Loading what="fleet signal" />
        )}
      </Section>

      <Section title="Recent events" testId="recent-events">
        <ol className="events" aria-live="polite">
          {events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.created_at}>{when(e.created_at)}</time> <code>{e.type}</code> {describe(e)}
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}

function describe(e: LiveEvent) {
  const d = e.data ?? {};
  if (typeof d.client_id === 'string') return <Link href={`/clients/${encodeURIComponent(d.client_id)}`}>{d.client_id}</Link>;
  if (d.bank_id !== undefined)
    return (
      <span>
        bank {String(d.bank_id)}
        {d.slot_id !== undefined ? ` slot ${String(d.slot_id)}` : ''}
      </span>
    );
  return null;
}

function Tile(props: { label: string; value: number; href: string; kind?: string }) {
  return (
    <Link href={props.href} className={`tile ${props.kind ? `tile-${props.kind}` : ''}`}>
      <span className="tile-value" data-testid={`count-${props.label.toLowerCase().replace(/\s+/g, '-')}`}>
        {int(props.value)}
      </span>
      <span className="tile-label">{props.label}</span>
    </Link>
  );
}

function TallyTable({
  rows,
}: {
  rows: Array<{ key: string; label: string; href: string; total: number; online: number; offline: number; unknown: number }>;
}) {
  if (rows.length === 0) return <p className="muted">No clients.</p>;
  return (
    <div className="scroll-x">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col"> </th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Online
            </th>
            <th scope="col" className="num">
              Offline
            </th>
            <th scope="col" className="num">
              Unknown
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                <Link href={r.href}>{r.label}</Link>
              </th>
              <td className="num">{int(r.total)}</td>
              <td className="num">{int(r.online)}</td>
              <td className="num">{int(r.offline)}</td>
              <td className="num">{int(r.unknown)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
