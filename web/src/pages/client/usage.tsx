// A client's usage: its card this cycle (what the card used, whoever used it) and its own last
// 31 days; "not reported" for a client that never sends counters (the deployed OpenWRT client).
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api';
import { ErrorNote, Section } from '../../components/ui';
import { useRefreshOnEvents } from '../../hooks';
import { queryKeys } from '../../query-keys';
import type { ClientUsage } from '../../types';
import { lastDay, used } from '../usage';

const REASONS: Record<string, string> = {
  never_heartbeats: 'not reported: this client never sends heartbeats, so IonMesh sees no counters',
  no_counters: 'not reported: its heartbeats carry no byte or TPDU counters',
};

export function Usage({ clientId, tenant }: { clientId: string; tenant: number }) {
  const u = useQuery({
    queryKey: queryKeys.clientUsage(clientId),
    queryFn: () => api<ClientUsage>(`/usage/clients/${encodeURIComponent(clientId)}${qs({ tenant_id: tenant })}`),
  });
  useRefreshOnEvents(['client-usage'], 5000, (e) => e.data?.client_id === clientId);
  if (!u.data) return <ErrorNote error={u.error} />;
  const c = u.data.card;
  return (
    <Section title="Usage" testId="client-usage">
      <dl className="facts">
        <dt>Card this cycle</dt>
        <dd data-testid="card-cycle-usage">
          {c
            ? `${used(c.total_bytes)} (${c.cycle_start} – ${lastDay(c.cycle_end)}${c.plan_id ? `, plan ${c.plan_id}` : ', no plan'})`
            : 'no card: not registered'}
        </dd>
        <dt>
          This client, {u.data.from} – {u.data.to}
        </dt>
        <dd data-testid="client-usage-total">
          {u.data.reporting === 'reported'
            ? `${used(u.data.totals.total_bytes)} (↓ ${used(u.data.totals.rx_bytes)} · ↑ ${used(u.data.totals.tx_bytes)})`
            : (REASONS[u.data.not_reported_reason ?? ''] ?? 'not reported')}
        </dd>
      </dl>
    </Section>
  );
}
