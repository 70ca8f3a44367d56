// Bulk jobs: start an action for a group, a filter, listed cards or clients, or a client tag
// (a dry run counts them first, and the job is created with that count); follow each job's
// progress, read its items' results, cancel one that runs.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useAccess } from '../access';
import { api } from '../api';
import { Badge, ErrorNote, Loading, Pager, Section } from '../components/ui';
import { int } from '../format';
import { queryKeys } from '../query-keys';
import type { DryRun, Group, Job, JobAction, JobItems, Page } from '../types';
import { parseCards } from './groups';

const list = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function JobsPage() {
  const { can } = useAccess();
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const limit = 20;
  const jobs = useQuery({
    queryKey: queryKeys.jobs(offset),
    queryFn: () => api<Page<Job>>(`/jobs?limit=${limit}&offset=${offset}`),
    // While a job runs, its progress moves: ask again every 2 s.
    refetchInterval: (q) => (q.state.data?.items.some((j) => j.state === 'running') ? 2000 : false),
  });
  if (jobs.isPending) return <Loading what="jobs" />;
  return (
    <div className="page">
      <h1>Jobs</h1>
      <p className="muted small">
        One action for many cards or clients, run in batches in the background; every item is audited with its result.
      </p>
      {can('operate') && !creating && (
        <button type="button" onClick={() => setCreating(true)}>
          New job
        </button>
      )}
      {creating && (
        <JobForm
          onDone={(id) => {
            setCreating(false);
            if (id) setOpen(id);
          }}
        />
      )}
      <ErrorNote error={jobs.error} />
      <div className="table-wrap">
        <table className="table" data-testid="jobs-table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Action</th>
              <th scope="col">State</th>
              <th scope="col">Progress</th>
              <th scope="col" className="num">
                Done
              </th>
              <th scope="col" className="num">
                Skipped
              </th>
              <th scope="col" className="num">
                Failed
              </th>
              <th scope="col">Started by</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(jobs.data?.items ?? []).map((j) => (
              <tr key={j.id}>
                <td>{j.id}</td>
                <td>
                  {j.action}
                  {j.reason ? <div className="muted small">{j.reason}</div> : null}
                </td>
                <td>
                  <Badge value={j.state} kind={j.state === 'done' ? 'ok' : j.state === 'running' ? 'warn' : 'muted'} />
                </td>
                <td>
                  <progress
                    max={1}
                    value={j.progress}
                    aria-label={`job ${j.id}: ${Math.round(j.progress * 100)}% of ${j.total}`}
                  />{' '}
                  {Math.round(j.progress * 100)}% of {int(j.total)}
                </td>
                <td className="num">{int(j.done)}</td>
                <td className="num">{int(j.skipped)}</td>
                <td className="num">{int(j.failed)}</td>
                <td className="small">
                  {j.created_by}
                  <div className="muted">{new Date(j.created_at).toLocaleString()}</div>
                </td>
                <td>
                  <button type="button" aria-expanded={open === j.id} onClick={() => setOpen(open === j.id ? null : j.id)}>
                    Items
                  </button>{' '}
                  {can('operate') && j.state === 'running' && <CancelButton id={j.id} />}
                </td>
              </tr>
            ))}
            {jobs.data?.items.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  No jobs yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {jobs.data && <Pager total={jobs.data.total} limit={limit} offset={offset} onOffset={setOffset} />}
      {open !== null && <Items id={open} />}
    </div>
  );
}

function CancelButton({ id }: { id: number }) {
  const queries = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api(`/jobs/${id}/cancel`, { method: 'POST' }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['jobs'] }),
  });
  return (
    <button type="button" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
      Cancel
    </button>
  );
}

function Items({ id }: { id: number }) {
  const [state, setState] = useState('');
  const [offset, setOffset] = useState(0);
  const limit = 50;
  const items = useQuery({
    queryKey: queryKeys.jobItems(id, state, offset),
    queryFn: () => api<JobItems>(`/jobs/${id}/items?limit=${limit}&offset=${offset}${state ? `&state=${state}` : ''}`),
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.state === 'pending' || i.state === 'running') ? 2000 : false),
  });
  return (
    <Section
      title={`Items of job ${id}`}
      testId="job-items"
      actions={
        <label>
          State{' '}
          <select
            value={state}
            onChange={(e) => {
              setState(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">all</option>
            {['pending', 'running', 'done', 'skipped', 'failed', 'cancelled'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      }
    >
      <ErrorNote error={items.error} />
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Object</th>
            <th scope="col">Result</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {(items.data?.items ?? []).map((i) => (
            <tr key={i.seq}>
              <td className="num">{i.seq}</td>
              <td className="mono">{i.client_id ?? `${i.bank_id}:${i.slot_id}`}</td>
              <td>
                <Badge value={i.state} kind={i.state === 'done' ? 'ok' : i.state === 'failed' ? 'error' : 'muted'} />
              </td>
              <td className="small">{i.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.data && <Pager total={items.data.total} limit={limit} offset={offset} onOffset={setOffset} />}
    </Section>
  );
}

type SelectorKind = 'group' | 'filter' | 'cards' | 'clients' | 'client_tag';

function JobForm({ onDone }: { onDone: (id?: number) => void }) {
  const { can, who } = useAccess();
  const queries = useQueryClient();
  const actions = useQuery({ queryKey: queryKeys.jobActions(), queryFn: () => api<{ items: JobAction[] }>('/job-actions') });
  const groups = useQuery({ queryKey: queryKeys.groups(), queryFn: () => api<Page<Group>>('/groups?limit=200') });
  const [f, setF] = useState({
    action: '',
    kind: 'filter' as SelectorKind,
    group: '',
    tag: '',
    mcc_mnc: '',
    state: '',
    objects: '',
    add_tags: '',
    remove_tags: '',
    target_group: '',
    command: 'restart',
    reason: '',
  });
  const [dry, setDry] = useState<DryRun | null>(null);
  const allowed = (actions.data?.items ?? []).filter((a) => can(a.access as 'read'));
  const action = allowed.find((a) => a.action === f.action);
  const set = (patch: Partial<typeof f>) => {
    setF({ ...f, ...patch });
    setDry(null); // what was counted no longer holds
  };
  const body = () => {
    const selector =
      f.kind === 'group'
        ? { group_id: Number(f.group) }
        : f.kind === 'filter'
          ? {
              filter: Object.fromEntries(
                Object.entries({ tag: f.tag, mcc_mnc: f.mcc_mnc, state: f.state }).filter(([, v]) => v !== ''),
              ),
            }
          : f.kind === 'cards'
            ? { cards: parseCards(f.objects) }
            : f.kind === 'clients'
              ? { clients: list(f.objects) }
              : { client_tag: f.tag };
    const takes = (p: string) => !!action && [...action.required, ...action.optional].includes(p);
    const params: Record<string, unknown> = {};
    if (takes('add_tags') && f.add_tags) params.add_tags = list(f.add_tags);
    if (takes('remove_tags') && f.remove_tags) params.remove_tags = list(f.remove_tags);
    if (takes('group_id')) params.group_id = Number(f.target_group);
    if (takes('command')) params.command = { type: f.command };
    if (takes('reason') && f.reason) params.reason = f.reason;
    return {
      tenant_id: who?.tenant_id ?? 1,
      action: f.action,
      selector,
      ...(Object.keys(params).length ? { params } : {}),
      ...(f.reason ? { reason: f.reason } : {}),
    };
  };
  const dryRun = useMutation({
    mutationFn: () => api<DryRun>('/jobs', { method: 'POST', json: { ...body(), dry_run: true } }),
    onSuccess: setDry,
  });
  const start = useMutation({
    mutationFn: () => api<Job>('/jobs', { method: 'POST', json: { ...body(), expected_total: dry?.total } }),
    onSuccess: (job) => {
      queries.invalidateQueries({ queryKey: ['jobs'] });
      onDone(job.id);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dryRun.mutate();
  };
  const text = (key: keyof typeof f, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label} <input value={f[key]} onChange={(e) => set({ [key]: e.target.value })} {...props} />
    </label>
  );
  const takes = (p: string) => !!action && [...action.required, ...action.optional].includes(p);
  return (
    <Section title="New job" testId="job-form">
      <form className="form" onSubmit={submit}>
        <label>
          Action{' '}
          <select value={f.action} required onChange={(e) => set({ action: e.target.value })}>
            <option value="">choose…</option>
            {allowed.map((a) => (
              <option key={a.action} value={a.action}>
                {a.action} ({a.target}s)
              </option>
            ))}
          </select>
        </label>
        {action && <p className="muted small">{action.description}</p>}
        <label>
          For{' '}
          <select value={f.kind} onChange={(e) => set({ kind: e.target.value as SelectorKind })}>
            <option value="filter">cards matching a filter</option>
            <option value="group">the cards of a group</option>
            <option value="cards">listed cards</option>
            <option value="clients">listed clients</option>
            <option value="client_tag">clients with a tag</option>
          </select>
        </label>
        {f.kind === 'group' && (
          <label>
            Group{' '}
            <select value={f.group} required onChange={(e) => set({ group: e.target.value })}>
              <option value="">choose…</option>
              {(groups.data?.items ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {f.kind === 'filter' && (
          <>
            {text('tag', 'Cards tagged')}
            {text('mcc_mnc', 'Carrier (MCC+MNC)', { pattern: '[0-9]{5,6}' })}
            <label>
              Status{' '}
              <select value={f.state} onChange={(e) => set({ state: e.target.value })}>
                <option value="">any</option>
                {['available', 'assigned', 'faulty', 'disabled', 'empty', 'unserved'].map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
          </>
        )}
        {f.kind === 'cards' && text('objects', 'Cards (bank:slot, …)', { placeholder: '1:0, 1:3', required: true })}
        {f.kind === 'clients' && text('objects', 'Clients (id, …)', { required: true })}
        {f.kind === 'client_tag' && text('tag', 'Client tag', { required: true })}
        {takes('add_tags') && text('add_tags', 'Add tags (a, b)')}
        {takes('remove_tags') && text('remove_tags', 'Remove tags (a, b)')}
        {takes('group_id') && (
          <label>
            Into group{' '}
            <select value={f.target_group} required onChange={(e) => set({ target_group: e.target.value })}>
              <option value="">choose…</option>
              {(groups.data?.items ?? [])
                .filter((g) => g.kind === 'explicit')
                .map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        {takes('command') && (
          <label>
            Command{' '}
            <select value={f.command} onChange={(e) => set({ command: e.target.value })}>
              {['restart', 'reregister', 'switch_slot', 'update_config'].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        {text('reason', 'Reason', { maxLength: 200 })}
        <ErrorNote error={dryRun.error ?? start.error ?? actions.error} />
        <button type="submit" disabled={dryRun.isPending || !f.action}>
          Dry run
        </button>{' '}
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
      </form>
      {dry && (
        <div data-testid="job-dry-run">
          <p>
            <strong>{int(dry.total)}</strong> {dry.target}(s) now{dry.total > dry.sample.length ? '; the first:' : ':'}
          </p>
          <ul className="small">
            {dry.sample.map((s) => (
              <li key={s.client_id ?? `${s.bank_id}:${s.slot_id}`}>
                {s.bank_id !== undefined ? `${s.bank_id}:${s.slot_id} ${s.status ?? ''} ${s.client_id ?? ''}` : s.client_id}
              </li>
            ))}
          </ul>
          <button type="button" disabled={start.isPending || dry.total === 0} onClick={() => start.mutate()}>
            Start {f.action} for {int(dry.total)}
          </button>
        </div>
      )}
    </Section>
  );
}
