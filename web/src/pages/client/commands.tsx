// A client's commands: queued, delivered, acknowledged, failed or expired.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api';
import { Badge, ErrorNote, Section } from '../../components/ui';
import { when } from '../../format';
import { queryKeys } from '../../query-keys';
import type { Page } from '../../types';
import type { Command } from './types';

export function Commands({ clientId, tenant }: { clientId: string; tenant: number }) {
  const list = useQuery({
    queryKey: queryKeys.clientCommands(clientId),
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
