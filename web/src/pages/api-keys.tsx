// API keys: name, visible prefix, role, last use; the secret itself is never shown again.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { Badge, ErrorNote, Loading } from '../components/ui';
import { when } from '../format';
import type { Page } from '../types';

interface Key {
  id: number;
  name: string;
  prefix: string;
  role: string;
  tenant_id: number | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export function ApiKeysPage() {
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => api<Page<Key>>('/api-keys?limit=500') });
  if (keys.isPending) return <Loading what="API keys" />;
  return (
    <div className="page">
      <h1>API keys</h1>
      <p className="muted">Keys are stored hashed: only their prefix is shown. A key is printed once, when it is created.</p>
      <ErrorNote error={keys.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Role</th>
              <th scope="col">Tenant</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {(keys.data?.items ?? []).map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td className="mono">{k.prefix}…</td>
                <td>{k.role}</td>
                <td>{k.tenant_id ?? 'all'}</td>
                <td>{when(k.created_at)}</td>
                <td>{when(k.last_used_at)}</td>
                <td>
                  {k.revoked_at ? (
                    <Badge value="revoked" kind="offline" />
                  ) : k.expires_at && new Date(k.expires_at) < new Date() ? (
                    <Badge value="expired" kind="offline" />
                  ) : (
                    <Badge value="active" kind="online" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
