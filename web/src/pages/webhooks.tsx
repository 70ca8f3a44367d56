// Webhooks and their delivery log.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../api';
import { Badge, ErrorNote, Loading, Section } from '../components/ui';
import { when } from '../format';
import { queryKeys } from '../query-keys';
import type { Delivery, Page, Webhook } from '../types';

export function WebhooksPage() {
  const hooks = useQuery({ queryKey: queryKeys.webhooks(), queryFn: () => api<Page<Webhook>>('/webhooks?limit=200') });
  const [open, setOpen] = useState<number | null>(null);
  if (hooks.isPending) return <Loading what="webhooks" />;
  return (
    <div className="page">
      <h1>Webhooks</h1>
      <ErrorNote error={hooks.error} />
      {hooks.data?.items.length === 0 && (
        <p className="muted">No webhooks. Create one with POST /api/backend/v1/webhooks (see /docs).</p>
      )}
      {(hooks.data?.items ?? []).map((w) => (
        <Section
          key={w.id}
          title={w.url}
          actions={
            <button type="button" onClick={() => setOpen(open === w.id ? null : w.id)} aria-expanded={open === w.id}>
              {open === w.id ? 'Hide deliveries' : 'Deliveries'}
            </button>
          }
        >
          <p>
            <Badge value={w.enabled ? 'enabled' : 'disabled'} kind={w.enabled ? 'online' : 'offline'} /> tenant{' '}
            {w.tenant_id ?? 'all'} · events {(w.event_types ?? []).join(', ') || 'all'} · since {when(w.created_at)}
          </p>
          {open === w.id && <Deliveries id={w.id} />}
        </Section>
      ))}
    </div>
  );
}

function Deliveries({ id }: { id: number }) {
  const list = useQuery({
    queryKey: queryKeys.deliveries(id),
    queryFn: () => api<Page<Delivery>>(`/webhooks/${id}/deliveries${qs({ limit: 50 })}`),
  });
  if (!list.data) return <ErrorNote error={list.error} />;
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">State</th>
          <th scope="col" className="num">
            Attempts
          </th>
          <th scope="col">Last answer</th>
          <th scope="col">Next attempt</th>
        </tr>
      </thead>
      <tbody>
        {list.data.items.map((d) => (
          <tr key={d.id}>
            <td>
              #{d.event_id} {d.event_type}
            </td>
            <td>
              <Badge value={d.status} />
            </td>
            <td className="num">{d.attempts}</td>
            <td>{d.last_status_code ?? d.last_error ?? '—'}</td>
            <td>{when(d.next_attempt_at)}</td>
          </tr>
        ))}
        {list.data.items.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              No deliveries yet.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
