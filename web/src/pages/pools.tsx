// KI proxy pools: utilisation, and the osmo-remsim-bankd launch lines to copy.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { ErrorNote, Loading, Meter, Section } from '../components/ui';
import { useOverview } from '../hooks';
import { queryKeys } from '../query-keys';
import type { BankdConfig } from '../types';

export function PoolsPage() {
  const overview = useOverview();
  if (overview.isPending) return <Loading what="KI proxy pools" />;
  if (overview.error) return <ErrorNote error={overview.error} />;
  return (
    <div className="page">
      <h1>KI proxy pools</h1>
      {overview.data.ki_pools.length === 0 && (
        <p className="muted">No KI proxy pools. Create one with POST /api/backend/v1/ki-proxy-pools (see /docs).</p>
      )}
      {overview.data.ki_pools.map((p) => (
        <Section key={p.id} title={`${p.pool_name} · ${p.carrier ?? ''} ${p.mcc_mnc}`} testId={`pool-${p.id}`}>
          <Meter used={p.used} total={p.capacity} label="virtual SIMs" />
          {!p.enabled && <p className="muted">Disabled: no new registrations.</p>}
          <LaunchLines poolId={p.id} />
        </Section>
      ))}
    </div>
  );
}

function LaunchLines({ poolId }: { poolId: number }) {
  const config = useQuery({
    queryKey: queryKeys.bankdConfig(poolId),
    queryFn: () => api<BankdConfig>(`/ki-proxy-pools/${poolId}/bankd-config`),
  });
  const [copied, setCopied] = useState<number | null>(null);
  const copy = async (i: number, text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => {});
    setCopied(i);
    setTimeout(() => setCopied(null), 1500);
  };
  if (!config.data) return <ErrorNote error={config.error} />;
  return (
    <div>
      <h3>bankd launch lines</h3>
      {config.data.note && <p className="muted small">{config.data.note}</p>}
      {config.data.lines.map((l, i) => (
        <div key={l.bank_id} className="launch-line">
          <pre>
            <code>{l.command}</code>
          </pre>
          <button type="button" onClick={() => void copy(i, l.command)}>
            {copied === i ? 'Copied' : 'Copy'}
          </button>
        </div>
      ))}
    </div>
  );
}
