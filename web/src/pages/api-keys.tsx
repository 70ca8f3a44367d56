// API keys: name, visible prefix, role, tenant, last use. An admin creates keys (the key is shown
// this once, to copy) and revokes them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { Badge, Confirm, ErrorNote, Loading, Section } from '../components/ui';
import { when } from '../format';
import { queryKeys } from '../query-keys';
import type { ApiKey, Page } from '../types';

const ROLES = ['readonly', 'operator', 'tenant-admin', 'client', 'admin'] as const;

export function ApiKeysPage() {
  const keys = useQuery({ queryKey: queryKeys.apiKeys(), queryFn: () => api<Page<ApiKey>>('/api-keys?limit=500') });
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const queries = useQueryClient();
  const revoke = useMutation({
    mutationFn: (k: ApiKey) => api(`/api-keys/${k.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      setRevoking(null);
      void queries.invalidateQueries({ queryKey: queryKeys.apiKeys() });
    },
  });
  if (keys.isPending) return <Loading what="API keys" />;
  return (
    <div className="page">
      <h1>API keys</h1>
      <p className="muted">Keys are stored hashed: only their prefix is shown. A key is shown once, when it is created.</p>
      <NewKey />
      <ErrorNote error={keys.error} />
      <div className="table-wrap">
        <table className="table" data-testid="keys-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Role</th>
              <th scope="col">Tenant</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(keys.data?.items ?? []).map((k) => {
              const expired = k.expires_at && new Date(k.expires_at) < new Date();
              return (
                <tr key={k.id} data-key={k.prefix}>
                  <td>{k.name}</td>
                  <td className="mono">{k.prefix}…</td>
                  <td>{k.role}</td>
                  <td>{k.tenant_id ?? 'all'}</td>
                  <td>{when(k.created_at)}</td>
                  <td>{when(k.last_used_at)}</td>
                  <td>
                    {k.revoked_at ? (
                      <Badge value="revoked" kind="offline" />
                    ) : expired ? (
                      <Badge value="expired" kind="offline" />
                    ) : (
                      <Badge value="active" kind="online" />
                    )}
                  </td>
                  <td>
                    {!k.revoked_at && (
                      <button type="button" className="danger" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                        Revoke…
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Confirm
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? ''}`}
        confirmLabel="Revoke"
        danger
        busy={revoke.isPending}
        onCancel={() => {
          revoke.reset();
          setRevoking(null);
        }}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      >
        <p>
          Every request with the key {revoking?.prefix}… is refused from now on, on every IonMesh process. This cannot be undone.
        </p>
        <ErrorNote error={revoke.error} />
      </Confirm>
    </div>
  );
}

function NewKey() {
  const queries = useQueryClient();
  const [form, setForm] = useState({ name: '', role: 'readonly', tenant: '', days: '' });
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api<ApiKey & { key: string }>('/api-keys', {
        method: 'POST',
        json: {
          name: form.name.trim(),
          role: form.role,
          ...(form.tenant ? { tenant_id: Number(form.tenant) } : {}),
          ...(form.days ? { expires_at: new Date(Date.now() + Number(form.days) * 86_400_000).toISOString() } : {}),
        },
      }),
    onSuccess: (k) => {
      setCreated({ key: k.key, name: k.name });
      setForm({ name: '', role: 'readonly', tenant: '', days: '' });
      void queries.invalidateQueries({ queryKey: queryKeys.apiKeys() });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };
  return (
    <Section title="New key">
      <form className="filters" onSubmit={submit} aria-label="Create an API key">
        <label>
          Name
          <input required maxLength={200} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Tenant
          <input
            type="number"
            min={1}
            inputMode="numeric"
            placeholder={form.role === 'tenant-admin' ? 'required' : 'all'}
            value={form.tenant}
            onChange={(e) => setForm({ ...form, tenant: e.target.value })}
          />
        </label>
        <label>
          Expires in days
          <input
            type="number"
            min={1}
            max={3650}
            inputMode="numeric"
            placeholder="never"
            value={form.days}
            onChange={(e) => setForm({ ...form, days: e.target.value })}
          />
        </label>
        <button type="submit" className="primary" disabled={create.isPending || !form.name.trim()}>
          Create key
        </button>
      </form>
      <ErrorNote error={create.error} />
      {created && (
        <div className="ok" role="status" data-testid="new-key">
          <p>
            Key for <strong>{created.name}</strong>; copy it now, it is not shown again:
          </p>
          <pre className="mono">{created.key}</pre>
        </div>
      )}
    </Section>
  );
}
