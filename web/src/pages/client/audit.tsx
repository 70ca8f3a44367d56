// A client's audit trail: every profile it has had, in one request.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api';
import { Section } from '../../components/ui';
import { when } from '../../format';
import { queryKeys } from '../../query-keys';
import type { Page } from '../../types';
import type { AuditRow } from './types';

export function Audit({ profileIds, clientId }: { profileIds: string[]; clientId: string }) {
  const audit = useQuery({
    queryKey: queryKeys.clientAudit(clientId, profileIds.join(',')),
    // One request for every profile the client has had (newest first).
    queryFn: async () =>
      (
        await api<Page<AuditRow>>(
          `/audit-log${qs({ entity_type: 'service_profile', entity_ids: profileIds.slice(0, 50).join(','), limit: 50 })}`,
        )
      ).items,
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
