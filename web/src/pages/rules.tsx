// Automation rules: each rule with its trigger, actions and last run; create or edit one (a dry
// run first shows what it would do now), enable or disable it, read its execution log.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useAccess } from '../access';
import { api } from '../api';
import { Badge, Confirm, ErrorNote, Loading, Pager, Section } from '../components/ui';
import { queryKeys } from '../query-keys';
import type { Page, Rule, RuleAction, RuleDryRun, RuleRuns } from '../types';

type Doc = Record<string, unknown>;

const describeTrigger = (t: Doc) =>
  t.kind === 'event'
    ? `event ${t.event_type}`
    : `${t.measure} ${t.op} ${t.value}${t.window_min ? ` over ${t.window_min} min` : ''}`;
const describeActions = (a: Doc[]) => a.map((x) => String(x.type)).join(', ');
const describeConditions = (c: Doc) =>
  Object.entries(c)
    .map(([k, v]) => (k === 'expression' ? String(v) : `${k} = ${typeof v === 'object' ? JSON.stringify(v) : v}`))
    .join('; ') || '—';

export function RulesPage() {
  const { can } = useAccess();
  const queries = useQueryClient();
  const rules = useQuery({
    queryKey: queryKeys.rules(),
    queryFn: () => api<Page<Rule>>('/rules?limit=200'),
    refetchInterval: 5000,
  });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const toggle = useMutation({
    mutationFn: (r: Rule) => api(`/rules/${r.id}`, { method: 'PATCH', json: { enabled: !r.enabled } }),
    onSuccess: () => queries.invalidateQueries({ queryKey: queryKeys.rules() }),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/rules/${id}`, { method: 'DELETE' }),
    onSuccess: () => queries.invalidateQueries({ queryKey: queryKeys.rules() }),
  });
  if (rules.isPending) return <Loading what="rules" />;
  return (
    <div className="page">
      <h1>Rules</h1>
      <p className="muted small">
        When an event happens (or a measured value crosses a threshold) and the conditions hold, a rule acts: once per event, at
        most once per object within its cooldown, at most its limit per hour. Many objects at once become a bulk job.
      </p>
      {can('operate') && editing === null && (
        <button type="button" onClick={() => setEditing('new')}>
          New rule
        </button>
      )}
      {editing !== null && <RuleForm rule={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      <ErrorNote error={rules.error ?? toggle.error ?? remove.error} />
      <div className="table-wrap">
        <table className="table" data-testid="rules-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Trigger</th>
              <th scope="col">Conditions</th>
              <th scope="col">Actions</th>
              <th scope="col">State</th>
              <th scope="col">Last run</th>
              <th scope="col" className="num">
                Runs (1 h)
              </th>
              <th scope="col">Manage</th>
            </tr>
          </thead>
          <tbody>
            {(rules.data?.items ?? []).map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td className="small">{describeTrigger(r.trigger as Doc)}</td>
                <td className="small mono">{describeConditions(r.conditions as Doc)}</td>
                <td className="small">{describeActions(r.actions as Doc[])}</td>
                <td>
                  <Badge value={r.enabled ? 'enabled' : 'disabled'} kind={r.enabled ? 'ok' : 'muted'} />
                </td>
                <td className="small">{r.last_run_at ? new Date(r.last_run_at).toLocaleString() : '—'}</td>
                <td className="num">
                  {r.runs_last_hour} / {r.max_per_hour}
                </td>
                <td>
                  <button type="button" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                    Runs
                  </button>{' '}
                  {can('operate') && (
                    <>
                      <button type="button" onClick={() => setEditing(r)}>
                        Edit
                      </button>{' '}
                      <button type="button" onClick={() => toggle.mutate(r)}>
                        {r.enabled ? 'Disable' : 'Enable'}
                      </button>{' '}
                      <button type="button" onClick={() => setDeleting(r)}>
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
            {rules.data?.items.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  No rules yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {open !== null && <Runs id={open} />}
      <Confirm
        open={deleting !== null}
        title={`Delete rule ${deleting?.name ?? ''}?`}
        confirmLabel="Delete"
        danger
        busy={remove.isPending}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
          setDeleting(null);
        }}
        onCancel={() => setDeleting(null)}
      >
        Its execution log goes with it.
      </Confirm>
    </div>
  );
}

function Runs({ id }: { id: number }) {
  const [offset, setOffset] = useState(0);
  const limit = 50;
  const runs = useQuery({
    queryKey: queryKeys.ruleRuns(id, offset),
    queryFn: () => api<RuleRuns>(`/rules/${id}/runs?limit=${limit}&offset=${offset}`),
    refetchInterval: 5000,
  });
  return (
    <Section title={`Runs of rule ${id}`} testId="rule-runs">
      <ErrorNote error={runs.error} />
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Trigger</th>
            <th scope="col">Object</th>
            <th scope="col">Result</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {(runs.data?.items ?? []).map((r) => (
            <tr key={r.id}>
              <td className="small">{new Date(r.at).toLocaleString()}</td>
              <td className="small mono">{JSON.stringify(r.trigger)}</td>
              <td className="mono">{r.object_key}</td>
              <td>
                <Badge value={r.result} kind={r.result === 'done' ? 'ok' : r.result === 'failed' ? 'error' : 'muted'} />
              </td>
              <td className="small">{r.reason ?? ''}</td>
            </tr>
          ))}
          {runs.data?.items.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                It has not run yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {runs.data && <Pager total={runs.data.total} limit={limit} offset={offset} onOffset={setOffset} />}
    </Section>
  );
}

const list = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function RuleForm({ rule, onDone }: { rule: Rule | null; onDone: () => void }) {
  const { can, who } = useAccess();
  const queries = useQueryClient();
  const types = useQuery({ queryKey: queryKeys.eventTypes(), queryFn: () => api<{ items: { type: string }[] }>('/event-types') });
  const actions = useQuery({ queryKey: queryKeys.ruleActions(), queryFn: () => api<{ items: RuleAction[] }>('/rule-actions') });
  const t = (rule?.trigger ?? { kind: 'event', event_type: 'client.registered' }) as Doc;
  const c = (rule?.conditions ?? {}) as Doc;
  const first = ((rule?.actions as Doc[] | undefined)?.[0] ?? { type: 'notify' }) as Doc;
  const params = (first.params ?? {}) as Doc;
  const [f, setF] = useState({
    name: rule?.name ?? '',
    kind: String(t.kind),
    event_type: String(t.event_type ?? 'client.registered'),
    measure: String(t.measure ?? 'offline_minutes'),
    op: String(t.op ?? '>='),
    value: String(t.value ?? '30'),
    tag: String(c.tag ?? ''),
    mcc_mnc: String(c.mcc_mnc ?? ''),
    expression: String(c.expression ?? ''),
    action: String(first.type),
    tags: ((params.add_tags as string[] | undefined) ?? []).join(', '),
    command: String((params.command as Doc | undefined)?.type ?? 'restart'),
    notify: ((rule?.actions as Doc[] | undefined) ?? []).some((a, i) => i > 0 && a.type === 'notify'),
    cooldown: String(rule?.cooldown_sec ?? 3600),
    perHour: String(rule?.max_per_hour ?? 60),
  });
  const [dry, setDry] = useState<RuleDryRun | null>(null);
  const set = (patch: Partial<typeof f>) => {
    setF({ ...f, ...patch });
    setDry(null);
  };
  const allowed = (actions.data?.items ?? []).filter((a) => can(a.access as 'read'));
  const body = () => {
    const conditions = Object.fromEntries(
      Object.entries({ tag: f.tag, mcc_mnc: f.mcc_mnc, expression: f.expression }).filter(([, v]) => v !== ''),
    );
    const p: Doc = {};
    if (f.action === 'tag_card' || f.action === 'tag_client') p.add_tags = list(f.tags);
    if (f.action === 'queue_command') p.command = { type: f.command };
    const acts: Doc[] = [{ type: f.action, ...(Object.keys(p).length ? { params: p } : {}) }];
    if (f.notify && f.action !== 'notify') acts.push({ type: 'notify' });
    return {
      name: f.name,
      trigger:
        f.kind === 'event'
          ? { kind: 'event', event_type: f.event_type }
          : { kind: 'measure', measure: f.measure, op: f.op, value: Number(f.value) },
      conditions,
      actions: acts,
      cooldown_sec: Number(f.cooldown),
      max_per_hour: Number(f.perHour),
    };
  };
  const dryRun = useMutation({
    mutationFn: () =>
      api<RuleDryRun>('/rules/dry-run', {
        method: 'POST',
        json: { tenant_id: rule?.tenant_id ?? who?.tenant_id ?? 1, ...body() },
      }),
    onSuccess: setDry,
  });
  const save = useMutation({
    mutationFn: () =>
      rule
        ? api(`/rules/${rule.id}`, { method: 'PATCH', json: body() })
        : api('/rules', { method: 'POST', json: { tenant_id: who?.tenant_id ?? 1, ...body() } }),
    onSuccess: () => {
      queries.invalidateQueries({ queryKey: queryKeys.rules() });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dryRun.mutate();
  };
  const text = (key: keyof typeof f, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label} <input value={String(f[key])} onChange={(e) => set({ [key]: e.target.value })} {...props} />
    </label>
  );
  return (
    <Section title={rule ? `Edit rule ${rule.name}` : 'New rule'} testId="rule-form">
      <form className="form" onSubmit={submit}>
        {text('name', 'Name', { required: true, maxLength: 100 })}
        <label>
          When{' '}
          <select value={f.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="event">an event happens</option>
            <option value="measure">a measured value crosses</option>
          </select>
        </label>
        {f.kind === 'event' ? (
          <label>
            Event type{' '}
            <select value={f.event_type} onChange={(e) => set({ event_type: e.target.value })}>
              {(types.data?.items ?? []).map((x) => (
                <option key={x.type}>{x.type}</option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <label>
              Measure{' '}
              <select value={f.measure} onChange={(e) => set({ measure: e.target.value })}>
                <option value="offline_minutes">minutes offline</option>
                <option value="usage_percent">usage, % of the plan</option>
                <option value="signal_rssi">mean RSSI (dBm)</option>
              </select>
            </label>
            <label>
              Comparison{' '}
              <select value={f.op} onChange={(e) => set({ op: e.target.value })}>
                <option value=">=">at least</option>
                <option value="<=">at most</option>
              </select>
            </label>
            {text('value', 'Value', { type: 'number', required: true })}
          </>
        )}
        {text('tag', 'Only with tag')}
        {text('mcc_mnc', 'Only carrier (MCC+MNC)', { pattern: '[0-9]{5,6}' })}
        <label>
          Expression (CEL){' '}
          <textarea
            value={f.expression}
            rows={2}
            maxLength={500}
            placeholder='data.percent >= 90 && data.client_id.startsWith("fleet-")'
            onChange={(e) => set({ expression: e.target.value })}
          />
        </label>
        <label>
          Then{' '}
          <select value={f.action} onChange={(e) => set({ action: e.target.value })}>
            {allowed.map((a) => (
              <option key={a.action} value={a.action}>
                {a.action}
              </option>
            ))}
          </select>
        </label>
        {(f.action === 'tag_card' || f.action === 'tag_client') && text('tags', 'Add tags (a, b)', { required: true })}
        {f.action === 'queue_command' && (
          <label>
            Command{' '}
            <select value={f.command} onChange={(e) => set({ command: e.target.value })}>
              {['restart', 'reregister', 'switch_slot', 'update_config'].map((x) => (
                <option key={x}>{x}</option>
              ))}
            </select>
          </label>
        )}
        {f.action !== 'notify' && (
          <label>
            <input type="checkbox" checked={f.notify} onChange={(e) => set({ notify: e.target.checked })} /> and notify
            (rule.fired)
          </label>
        )}
        {text('cooldown', 'Cooldown per object (s)', { type: 'number', min: 0 })}
        {text('perHour', 'At most per hour', { type: 'number', min: 1 })}
        <ErrorNote error={dryRun.error ?? save.error} />
        <button type="submit" disabled={dryRun.isPending}>
          Dry run
        </button>{' '}
        <button type="button" disabled={save.isPending || !dry} onClick={() => save.mutate()}>
          Save rule
        </button>{' '}
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </form>
      {dry && (
        <div data-testid="rule-dry-run">
          <p>
            Now it would act on <strong>{dry.would_act_on}</strong> of {dry.matched} match(es)
            {dry.as_bulk_job ? ', as a bulk job' : ''}.{dry.note ? ` ${dry.note}.` : ''}
          </p>
          <ul className="small">
            {dry.items.map((i) => (
              <li key={`${JSON.stringify(i.trigger)}-${i.object}`}>
                {i.object}: {i.would.join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
