// A client's outlook: fault prediction's latest judgement (probability, expected time, what to
// do, the numbers behind it) and its incidents.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, qs } from '../../api';
import { Badge, ErrorNote, Section } from '../../components/ui';
import { ago } from '../../format';
import { useRefreshOnEvents } from '../../hooks';
import { queryKeys } from '../../query-keys';
import type { Incident, Page, Prediction } from '../../types';

const SHOWN = ['rssi_mean', 'rssi_trend', 'sinr_mean', 'tpdu_error_rate_15m', 'disconnects_1h', 'disconnects_24h'] as const;

export function Health({ clientId, tenant }: { clientId: string; tenant: number }) {
  const query = { client_id: clientId, tenant_id: tenant };
  const prediction = useQuery({
    queryKey: queryKeys.predictions(query),
    queryFn: () => api<Page<Prediction>>(`/predictions${qs(query)}`),
  });
  const incidents = useQuery({
    queryKey: queryKeys.incidents({ ...query, limit: 5 }),
    queryFn: () => api<Page<Incident>>(`/incidents${qs({ ...query, limit: 5 })}`),
  });
  useRefreshOnEvents(['predictions', 'incidents'], 500, (e) => e.data?.client_id === clientId);
  const p = prediction.data?.items[0];
  return (
    <Section title="Outlook" testId="client-outlook">
      <ErrorNote error={prediction.error ?? incidents.error} />
      {p ? (
        <p data-testid="client-prediction">
          {p.failure_predicted ? (
            <>
              <Badge value="failure expected" kind="critical" /> {(p.probability * 100).toFixed(0)} % within the horizon
              {p.ttf_min !== null ? `, in about ${Math.round(p.ttf_min)} min` : ''}; recommended:{' '}
              {p.recommended_action.replaceAll('_', ' ')}.
            </>
          ) : (
            <>
              <Badge value="no failure expected" kind="online" /> confidence {(p.confidence * 100).toFixed(0)} %.
            </>
          )}{' '}
          <span className="muted small">
            Judged {ago(p.at)} by model v{p.model_version}:{' '}
            {SHOWN.map((k) => `${k.replaceAll('_', ' ')} ${p.features[k]?.toFixed(2) ?? '—'}`).join(', ')}
          </span>
        </p>
      ) : (
        <p className="muted">Not judged yet: fault prediction reads clients that heartbeat with stats.</p>
      )}
      {incidents.data && incidents.data.total > 0 && (
        <ul className="plain">
          {incidents.data.items.map((i) => (
            <li key={i.id}>
              <Badge
                value={i.state}
                kind={i.state === 'resolved' ? 'online' : i.state === 'escalated' ? 'critical' : 'warning'}
              />{' '}
              <Link href="/incidents">#{i.id}</Link> {i.summary} ({ago(i.detected_at)})
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
