// One client: assignment, hardware and modem, signal and counter graphs, health log, audit,
// commands, and the operator's actions (reassign, restart, re-register, unregister). A heartbeat
// updates the page in place.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { counterDeltas } from '../../../src/domain/stats-range';
import { useAccess } from '../access';
import { ApiError, api, qs } from '../api';
import { Chart } from '../components/chart';
import { Badge, Confirm, ErrorNote, Loading, Section } from '../components/ui';
import { ago, bytes, dbm, when } from '../format';
import { usePulses, useRefreshOnEvents } from '../hooks';
import type { Pulse } from '../live';
import type { ClientRow, Page, Series } from '../types';

const RANGES = ['1h', '24h', '7d', '30d'] as const;

interface ClientDetail {
  client_id: string;
  profile: ClientRow & { bankd_endpoint: string | null; virtual_iccid: string | null; policy_id: number | null };
  history: ClientRow[];
  health_log: Array<{
    id: number;
    kind: string;
    old_status: string | null;
    new_status: string;
    reason: string | null;
    created_at: string;
  }>;
}
interface Command {
  id: number;
  type: string;
  status: string;
  created_at: string;
  delivered_at: string | null;
  acknowledged_at: string | null;
  expires_at: string;
  result: unknown;
}
interface AuditRow {
  id: number;
  actor: string;
  action: string;
  source_ip: string | null;
  request_id: string | null;
  created_at: string;
}
interface SlotRow {
  bank_id: number;
  slot_id: number;
  iccid: string | null;
  carrier: string | null;
  status: string;
}

export function ClientPage({ clientId }: { clientId: string }) {
  const path = `/clients/${encodeURIComponent(clientId)}`;
  const detail = useQuery({ queryKey: ['client', clientId], queryFn: () => api<ClientDetail>(path) });
  const tenant = detail.data?.profile.tenant_id;
  useRefreshOnEvents(['client', 'client-commands', 'client-audit'], 400, (e) => e.data?.client_id === clientId);

  const [pulse, setPulse] = useState<Pulse | null>(null);
  usePulses(
    [clientId],
    useCallback((p: Pulse) => setPulse(p), []),
  );

  if (detail.isPending) return <Loading what={clientId} />;
  if (detail.error)
    return (
      <div className="page">
        <h1>{clientId}</h1>
        <ErrorNote error={detail.error} />
        <Link href="/clients">Back to the clients</Link>
      </div>
    );
  const p = detail.data.profile;
  const active = p.status === 'ACTIVE';
  const stats = (pulse?.stats ?? p.client_stats ?? {}) as Record<string, number | undefined>;
  const hw = (p.client_hardware_info ?? {}) as Record<string, unknown>;
  const lastBeat = pulse?.at ?? p.last_heartbeat;
  const liveness = pulse ? 'online' : p.liveness;
  return (
    <div className="page">
      <p className="crumbs">
        <Link href="/clients">Clients</Link> /
      </p>
      <h1>
        {clientId} <Badge value={active ? liveness : 'unregistered'} kind={active ? liveness : 'offline'} />
      </h1>
      <Actions detail={detail.data} tenant={tenant as number} />
      <div className="grid-2">
        <Section title="Assignment" testId="assignment">
          <dl className="facts">
            <dt>Tenant</dt>
            <dd>{p.tenant_id}</dd>
            <dt>Mode</dt>
            <dd>
              {p.mapping_mode}
              {p.config_mismatch && (
                <>
                  {' '}
                  <Badge value="config changed" kind="warning" />{' '}
                  <span className="muted" data-testid="config-mismatch">
                    asked for {p.requested_mapping_mode}
                    {p.requested_mcc_mnc ? ` (${p.requested_mcc_mnc})` : ''} at its last registration; keeps this assignment
                  </span>
                </>
              )}
            </dd>
            <dt>{p.ki_pool_id ? 'Pool / virtual slot' : 'Bank / slot'}</dt>
            <dd data-testid="bank-slot">
              {p.ki_pool_id ? `pool ${p.ki_pool_id}, ` : ''}
              <Link href={`/banks/${p.bank_id}`}>bank {p.bank_id}</Link> slot {p.slot_id}
            </dd>
            <dt>RSPRO identity</dt>
            <dd>
              {p.rspro_client_id}:{p.rspro_slot_nr}
            </dd>
            <dt>ICCID</dt>
            <dd className="mono" data-testid="iccid">
              {p.iccid ?? '—'}
            </dd>
            <dt>IMSI</dt>
            <dd className="mono">{p.imsi ?? '—'}</dd>
            <dt>Carrier</dt>
            <dd>{p.carrier ?? p.mcc_mnc ?? '—'}</dd>
            <dt>bankd endpoint</dt>
            <dd className="mono">{p.bankd_endpoint ?? '—'}</dd>
            <dt>RSPRO connection</dt>
            <dd>{p.rspro_connected ? `connected since ${when(p.rspro_connected_since)}` : 'not connected'}</dd>
            <dt>Registered</dt>
            <dd>{when(p.created_at)}</dd>
          </dl>
        </Section>
        <Section title="Router and modem" testId="modem">
          <dl className="facts">
            <dt>Last heartbeat</dt>
            <dd data-testid="client-last-heartbeat">
              <time dateTime={lastBeat ?? undefined} title={when(lastBeat)}>
                {lastBeat ? `${when(lastBeat)} (${ago(lastBeat)})` : 'never: this client does not send heartbeats'}
              </time>
            </dd>
            <dt>Health</dt>
            <dd>{pulse?.health ?? p.health_status}</dd>
            <dt>Signal</dt>
            <dd data-testid="signal">
              RSSI {dbm(stats.rssi)} · RSRP {dbm(stats.rsrp)} · RSRQ {dbm(stats.rsrq, 'dB')} · SINR {dbm(stats.sinr, 'dB')}
            </dd>
            <dt>TPDUs</dt>
            <dd>
              {stats.tpdu_count ?? '—'} ({stats.tpdu_errors ?? 0} errors)
            </dd>
            <dt>Data</dt>
            <dd>
              ↑ {bytes(stats.data_tx_bytes)} · ↓ {bytes(stats.data_rx_bytes)}
            </dd>
            <dt>Modem</dt>
            <dd>{[hw.manufacturer, hw.model, hw.firmware].filter(Boolean).join(' ') || '—'}</dd>
            <dt>IMEI</dt>
            <dd className="mono">{(hw.imei as string) ?? '—'}</dd>
            <dt>Address</dt>
            <dd className="mono">{p.client_ip_address ?? '—'}</dd>
          </dl>
        </Section>
      </div>
      <Graphs clientId={clientId} tenant={tenant as number} pulseAt={pulse?.at} />
      <Commands clientId={clientId} tenant={tenant as number} />
      <div className="grid-2">
        <Section title="Health log">
          <ol className="log">
            {detail.data.health_log.map((h) => (
              <li key={h.id}>
                <time dateTime={h.created_at}>{when(h.created_at)}</time> {h.kind}: {h.old_status ?? '—'} →{' '}
                <strong>{h.new_status}</strong>
                {h.reason && <span className="muted"> ({h.reason})</span>}
              </li>
            ))}
            {detail.data.health_log.length === 0 && <li className="muted">Nothing logged yet.</li>}
          </ol>
        </Section>
        <Audit profileIds={detail.data.history.map((h) => h.profile_id)} clientId={clientId} />
      </div>
    </div>
  );
}

function Graphs({ clientId, tenant, pulseAt }: { clientId: string; tenant: number; pulseAt?: string }) {
  const [range, setRange] = useState<(typeof RANGES)[number]>('1h');
  const series = useQuery({
    queryKey: ['client-stats', clientId, range, pulseAt ?? ''],
    queryFn: () => api<Series>(`/clients/${encodeURIComponent(clientId)}/stats${qs({ range, tenant_id: tenant })}`),
  });
  const s = series.data?.series;
  const t = (s?.t ?? []) as number[];
  const shown: [number, number] | undefined = series.data
    ? [Date.parse(series.data.from) / 1000, Date.parse(series.data.to) / 1000]
    : undefined;
  const deltas = useMemo(
    () => ({
      tpdu: counterDeltas(s?.tpdu_count ?? []),
      errors: counterDeltas(s?.tpdu_errors ?? []),
      tx: counterDeltas(s?.tx_bytes ?? []),
      rx: counterDeltas(s?.rx_bytes ?? []),
    }),
    [s],
  );
  return (
    <Section
      title="Signal and traffic"
      testId="graphs"
      actions={
        <fieldset className="segmented">
          <legend className="visually-hidden">Time range</legend>
          {RANGES.map((r) => (
            <label key={r} className={r === range ? 'on' : ''}>
              <input type="radio" name="range" value={r} checked={r === range} onChange={() => setRange(r)} />
              {r}
            </label>
          ))}
        </fieldset>
      }
    >
      <ErrorNote error={series.error} />
      {series.data && (
        <p className="muted small">
          {series.data.source === 'raw' ? 'Every heartbeat' : '5-minute rollups'}, averaged per {series.data.step_sec} s
        </p>
      )}
      <div className="grid-2">
        <Chart
          testId="signal-chart"
          title="RSRP and RSSI (dBm)"
          t={t}
          range={shown}
          series={[
            { label: 'RSRP', values: s?.rsrp ?? [], color: '#2f7ed8', unit: 'dBm' },
            { label: 'RSSI', values: s?.rssi ?? [], color: '#8e5bd8', unit: 'dBm' },
          ]}
        />
        <Chart
          title="RSRQ and SINR (dB)"
          t={t}
          range={shown}
          series={[
            { label: 'RSRQ', values: s?.rsrq ?? [], color: '#d88e2f', unit: 'dB' },
            { label: 'SINR', values: s?.sinr ?? [], color: '#2fb37e', unit: 'dB' },
          ]}
        />
        <Chart
          title="TPDUs per interval"
          t={t}
          range={shown}
          series={[
            { label: 'TPDUs', values: deltas.tpdu, color: '#2f7ed8' },
            { label: 'errors', values: deltas.errors, color: '#d83f3f' },
          ]}
        />
        <Chart
          title="Data per interval (bytes)"
          t={t}
          range={shown}
          series={[
            { label: 'sent', values: deltas.tx, color: '#8e5bd8', unit: 'B' },
            { label: 'received', values: deltas.rx, color: '#2fb37e', unit: 'B' },
          ]}
        />
      </div>
    </Section>
  );
}

function Commands({ clientId, tenant }: { clientId: string; tenant: number }) {
  const list = useQuery({
    queryKey: ['client-commands', clientId],
    queryFn: () => api<Page<Command>>(`/clients/${encodeURIComponent(clientId)}/commands${qs({ tenant_id: tenant, limit: 20 })}`),
  });
  return (
    <Section title="Commands" testId="commands">
      <ErrorNote error={list.error} />
      <div className="scroll-x">
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Command</th>
              <th scope="col">State</th>
              <th scope="col">Queued</th>
              <th scope="col">Delivered</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((c) => (
              <tr key={c.id}>
                <td>{c.type}</td>
                <td>
                  <Badge value={c.status} />
                </td>
                <td>{when(c.created_at)}</td>
                <td>{when(c.delivered_at)}</td>
                <td>{when(c.acknowledged_at)}</td>
              </tr>
            ))}
            {list.data?.items.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No commands.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Audit({ profileIds, clientId }: { profileIds: string[]; clientId: string }) {
  const audit = useQuery({
    queryKey: ['client-audit', clientId, profileIds.join(',')],
    queryFn: async () => {
      const pages = await Promise.all(
        profileIds
          .slice(0, 5)
          .map((id) => api<Page<AuditRow>>(`/audit-log${qs({ entity_type: 'service_profile', entity_id: id, limit: 20 })}`)),
      );
      return pages.flatMap((p) => p.items).sort((a, b) => b.id - a.id);
    },
  });
  return (
    <Section title="Audit trail">
      <ol className="log">
        {(audit.data ?? []).map((a) => (
          <li key={a.id}>
            <time dateTime={a.created_at}>{when(a.created_at)}</time> <code>{a.action}</code> by {a.actor}
            {a.source_ip && <span className="muted"> from {a.source_ip}</span>}
          </li>
        ))}
        {audit.data?.length === 0 && <li className="muted">No audit entries.</li>}
      </ol>
    </Section>
  );
}

type Action = 'reassign' | 'restart' | 'reregister' | 'unregister' | null;

function Actions({ detail, tenant }: { detail: ClientDetail; tenant: number }) {
  const p = detail.profile;
  const clientId = detail.client_id;
  const path = `/clients/${encodeURIComponent(clientId)}`;
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState<Action>(null);
  const [slot, setSlot] = useState<string>('');
  const [notice, setNotice] = useState<string | null>(null);
  const { can } = useAccess();
  const active = p.status === 'ACTIVE';
  const canCommand = active && p.last_heartbeat !== null;
  const why = !active
    ? 'This client is not registered.'
    : 'This client has never sent a heartbeat (the deployed OpenWRT client never does), so it cannot receive commands.';

  const free = useQuery({
    queryKey: ['free-slots', p.tenant_id],
    queryFn: () => api<Page<SlotRow>>(`/slots${qs({ status: 'available', tenant_id: tenant || undefined, limit: 500 })}`),
    enabled: open === 'reassign',
  });
  const act = useMutation({
    mutationFn: async (action: Exclude<Action, null>) => {
      if (action === 'reassign') {
        const [bank, s] = slot.split(':').map(Number);
        return api(`${path}/reassign`, {
          method: 'POST',
          json: { tenant_id: tenant, bank_id: bank, slot_id: s, reason: 'console' },
        });
      }
      if (action === 'unregister') return api(`${path}${qs({ tenant_id: tenant })}`, { method: 'DELETE' });
      return api(`${path}/commands`, { method: 'POST', json: { tenant_id: tenant, type: action } });
    },
    onSuccess: (_data, action) => {
      setOpen(null);
      setNotice(
        action === 'reassign'
          ? 'Reassigned: the remsim-server mapping follows.'
          : action === 'unregister'
            ? 'Unregistered: the slot is free again.'
            : `Command ${action} queued; it is handed over with the next heartbeat.`,
      );
      void queries.invalidateQueries({ queryKey: ['client', clientId] });
      void queries.invalidateQueries({ queryKey: ['client-commands', clientId] });
      void queries.invalidateQueries({ queryKey: ['client-audit', clientId] });
      if (action === 'unregister') navigate(path);
    },
  });
  const choose = (a: Action) => {
    act.reset();
    setNotice(null);
    setOpen(a);
  };
  if (!can('operate'))
    return (
      <p className="muted small" data-testid="actions">
        Your key may look but not act (reassign, commands and unregister need an operator key).
      </p>
    );
  return (
    <div className="actions" data-testid="actions">
      <button type="button" onClick={() => choose('reassign')} disabled={!active}>
        Reassign…
      </button>
      <button
        type="button"
        onClick={() => choose('restart')}
        disabled={!canCommand}
        aria-describedby={canCommand ? undefined : 'no-commands'}
      >
        Restart…
      </button>
      <button
        type="button"
        onClick={() => choose('reregister')}
        disabled={!canCommand}
        aria-describedby={canCommand ? undefined : 'no-commands'}
      >
        Re-register…
      </button>
      <button type="button" className="danger" onClick={() => choose('unregister')} disabled={!active}>
        Unregister…
      </button>
      {!canCommand && (
        <p id="no-commands" className="muted small">
          {why}
        </p>
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      <Confirm
        open={open === 'reassign'}
        title={`Reassign ${clientId}`}
        confirmLabel="Reassign"
        busy={act.isPending}
        onCancel={() => setOpen(null)}
        onConfirm={() => slot && act.mutate('reassign')}
      >
        <p>
          Now on bank {p.bank_id} slot {p.slot_id}. The router keeps its RSPRO identity; the remsim-server mapping moves to the
          new slot.
        </p>
        <label htmlFor="slot-picker">Free slot</label>
        <select id="slot-picker" value={slot} onChange={(e) => setSlot(e.target.value)} required>
          <option value="">{free.isPending ? 'Loading free slots…' : 'Choose a free slot'}</option>
          {(free.data?.items ?? []).map((s) => (
            <option key={`${s.bank_id}:${s.slot_id}`} value={`${s.bank_id}:${s.slot_id}`}>
              bank {s.bank_id} slot {s.slot_id} {s.carrier ? `· ${s.carrier}` : ''} {s.iccid ? `· ${s.iccid}` : ''}
            </option>
          ))}
        </select>
        {free.data && free.data.total > free.data.items.length && (
          <p className="muted small">
            Showing the first {free.data.items.length} of {free.data.total} free slots.
          </p>
        )}
        <ActionError error={act.error} />
      </Confirm>
      <Confirm
        open={open === 'restart' || open === 'reregister'}
        title={open === 'restart' ? `Restart ${clientId}` : `Re-register ${clientId}`}
        confirmLabel={open === 'restart' ? 'Queue restart' : 'Queue re-register'}
        busy={act.isPending}
        onCancel={() => setOpen(null)}
        onConfirm={() => open && act.mutate(open)}
      >
        <p>The command is handed over with the client’s next heartbeat and waits up to an hour.</p>
        <ActionError error={act.error} />
      </Confirm>
      <Confirm
        open={open === 'unregister'}
        title={`Unregister ${clientId}`}
        confirmLabel="Unregister"
        danger
        busy={act.isPending}
        onCancel={() => setOpen(null)}
        onConfirm={() => act.mutate('unregister')}
      >
        <p>
          The router loses its SIM: slot {p.bank_id}/{p.slot_id} is freed and its remsim-server map removed. A deployed client
          does not register again until it restarts.
        </p>
        <ActionError error={act.error} />
      </Confirm>
    </div>
  );
}

function ActionError({ error }: { error: unknown }) {
  if (!error) return null;
  return <ErrorNote error={error instanceof ApiError ? error : new Error(String(error))} />;
}
