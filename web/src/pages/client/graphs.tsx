// A client's signal and counter graphs over a chosen range, moved along by its heartbeats.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { counterDeltas } from '../../../../src/domain/stats-range';
import { api, qs } from '../../api';
import { Chart } from '../../components/chart';
import { ErrorNote, Section } from '../../components/ui';
import { queryKeys } from '../../query-keys';
import type { Series } from '../../types';

const RANGES = ['1h', '24h', '7d', '30d'] as const;

export function Graphs({ clientId, tenant, pulseAt }: { clientId: string; tenant: number; pulseAt?: string }) {
  const [range, setRange] = useState<(typeof RANGES)[number]>('1h');
  const series = useQuery({
    queryKey: queryKeys.clientStats(clientId, range, pulseAt ?? ''),
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
