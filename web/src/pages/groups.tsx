// SIM groups: explicit (members listed) or a saved filter, each with its plan and thresholds;
// create one, see its cards now, delete it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { useAccess } from '../access';
import { api } from '../api';
import { Confirm, ErrorNote, Loading, Pager, Section } from '../components/ui';
import { int } from '../format';
import { queryKeys } from '../query-keys';
import type { Group, GroupMembers, Page, Plan } from '../types';
import { parseThresholds, showThresholds } from './plans';

/** "1:0, 1:3" ⇄ cards. */
export const parseCards = (text: string) =>
  text
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const [bank, slot] = c.split(':').map(Number);
      return { bank_id: bank as number, slot_id: slot as number };
    });

const describe = (g: Group) =>
  g.kind === 'explicit'
    ? `${int(g.listed)} listed card(s)`
    : Object.entries((g.filter ?? {}) as Record<string, unknown>)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ');

export function GroupsPage() {
  const { can, who } = useAccess();
  const queries = useQueryClient();
  const groups = useQuery({ queryKey: queryKeys.groups(), queryFn: () => api<Page<Group>>('/groups?limit=200') });
  const plans = useQuery({ queryKey: queryKeys.plans(), queryFn: () => api<Page<Plan>>('/plans?limit=200') });
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => api(`/groups/${id}`, { method: 'DELETE' }),
    onSuccess: () => queries.invalidateQueries({ queryKey: queryKeys.groups() }),
  });
  if (groups.isPending) return <Loading what="groups" />;
  const planName = (id: number | null) => plans.data?.items.find((p) => p.id === id)?.name ?? (id === null ? '—' : `plan ${id}`);
  return (
    <div className="page">
      <h1>Groups</h1>
      <p className="muted small">
        A card’s plan is its own, else its first group’s (lower priority first), else its carrier’s default. A group’s thresholds
        fire for each of its cards once per cycle.
      </p>
      {can('manage') && (
        <button type="button" onClick={() => setCreating(true)}>
          New group
        </button>
      )}
      <ErrorNote error={groups.error ?? remove.error} />
      {creating && <GroupForm tenant={who?.tenant_id ?? 1} plans={plans.data?.items ?? []} onDone={() => setCreating(false)} />}
      <div className="table-wrap">
        <table className="table" data-testid="groups-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Cards</th>
              <th scope="col" className="num">
                Priority
              </th>
              <th scope="col">Plan</th>
              <th scope="col">Thresholds</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(groups.data?.items ?? []).map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{describe(g)}</td>
                <td className="num">{g.priority}</td>
                <td>{planName(g.plan_id)}</td>
                <td>{g.thresholds ? showThresholds(g.thresholds) || '—' : '—'}</td>
                <td>
                  <button type="button" aria-expanded={open === g.id} onClick={() => setOpen(open === g.id ? null : g.id)}>
                    Cards
                  </button>{' '}
                  {can('manage') && (
                    <button type="button" onClick={() => setDeleting(g)}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {groups.data?.items.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No groups yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {open !== null && <Members id={open} />}
      <Confirm
        open={deleting !== null}
        title={`Delete group ${deleting?.name ?? ''}?`}
        confirmLabel="Delete"
        danger
        busy={remove.isPending}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
          setDeleting(null);
        }}
        onCancel={() => setDeleting(null)}
      >
        Its cards keep their own plans; the group’s plan and thresholds no longer apply to them.
      </Confirm>
    </div>
  );
}

function Members({ id }: { id: number }) {
  const [offset, setOffset] = useState(0);
  const limit = 50;
  const list = useQuery({
    queryKey: queryKeys.groupMembers(id, offset),
    queryFn: () => api<GroupMembers>(`/groups/${id}/members?limit=${limit}&offset=${offset}`),
  });
  if (!list.data) return <ErrorNote error={list.error} />;
  return (
    <Section title={`Cards of group ${id} now`} testId="group-members">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Card</th>
            <th scope="col">ICCID</th>
            <th scope="col">Carrier</th>
            <th scope="col">Status</th>
            <th scope="col">Client</th>
          </tr>
        </thead>
        <tbody>
          {list.data.items.map((m) => (
            <tr key={`${m.bank_id}:${m.slot_id}`}>
              <td>
                {m.bank_id}:{m.slot_id}
              </td>
              <td className="mono">{m.iccid ?? '—'}</td>
              <td>{m.mcc_mnc ?? '—'}</td>
              <td>{m.status ?? '—'}</td>
              <td>{m.client_id ? <Link href={`/clients/${encodeURIComponent(m.client_id)}`}>{m.client_id}</Link> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={list.data.total} limit={limit} offset={offset} onOffset={setOffset} />
    </Section>
  );
}

function GroupForm({ tenant, plans, onDone }: { tenant: number; plans: Plan[]; onDone: () => void }) {
  const queries = useQueryClient();
  const [f, setF] = useState({
    name: '',
    kind: 'filter',
    tag: '',
    mcc_mnc: '',
    cards: '',
    plan: '',
    priority: '100',
    thresholds: '',
  });
  const save = useMutation({
    mutationFn: () => {
      const filter = Object.fromEntries(Object.entries({ tag: f.tag, mcc_mnc: f.mcc_mnc }).filter(([, v]) => v !== ''));
      return api('/groups', {
        method: 'POST',
        json: {
          tenant_id: tenant,
          name: f.name,
          kind: f.kind,
          ...(f.kind === 'filter' ? { filter } : { members: parseCards(f.cards) }),
          priority: Number(f.priority),
          plan_id: f.plan === '' ? null : Number(f.plan),
          thresholds: parseThresholds(f.thresholds),
        },
      });
    },
    onSuccess: () => {
      queries.invalidateQueries({ queryKey: queryKeys.groups() });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const text = (key: keyof typeof f, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label} <input value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} {...props} />
    </label>
  );
  return (
    <Section title="New group" testId="group-form">
      <form className="form" onSubmit={submit}>
        {text('name', 'Name', { required: true, maxLength: 100 })}
        <label>
          Kind{' '}
          <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            <option value="filter">a saved filter</option>
            <option value="explicit">listed cards</option>
          </select>
        </label>
        {f.kind === 'filter' ? (
          <>
            {text('tag', 'Cards tagged')}
            {text('mcc_mnc', 'Cards of carrier (MCC+MNC)', { pattern: '[0-9]{5,6}' })}
          </>
        ) : (
          text('cards', 'Cards (bank:slot, …)', { placeholder: '1:0, 1:3' })
        )}
        <label>
          Plan{' '}
          <select value={f.plan} onChange={(e) => setF({ ...f, plan: e.target.value })}>
            <option value="">none</option>
            {plans
              .filter((p) => p.tenant_id === tenant)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </label>
        {text('priority', 'Priority (lower first)', { type: 'number', min: 0 })}
        {text('thresholds', 'Thresholds (percent action, …)', { placeholder: '80 event' })}
        <ErrorNote error={save.error} />
        <button type="submit" disabled={save.isPending}>
          Save
        </button>{' '}
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </form>
    </Section>
  );
}
