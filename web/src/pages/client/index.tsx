// One client: assignment, hardware and modem, signal and counter graphs, health log, audit,
// commands, and the operator's actions (reassign, restart, re-register, unregister). A heartbeat
// updates the page in place.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api';
import { Badge, ErrorNote, Loading, Section } from '../../components/ui';
import { ago, bytes, dbm, when } from '../../format';
import { usePulses, useRefreshOnEvents } from '../../hooks';
import type { Pulse } from '../../live';
import { queryKeys } from '../../query-keys';
import { Actions } from './actions';
import { Audit } from './audit';
import { Commands } from './commands';
import { Graphs } from './graphs';
import { Health } from './health';
import type { ClientDetail } from './types';
import { Usage } from './usage';

export function ClientPage({ clientId }: { clientId: string }) {
  const path = `/clients/${encodeURIComponent(clientId)}`;
  const detail = useQuery({ queryKey: queryKeys.client(clientId), queryFn: () => api<ClientDetail>(path) });
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
      <Usage clientId={clientId} tenant={tenant as number} />
      <Health clientId={clientId} tenant={tenant as number} />
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
