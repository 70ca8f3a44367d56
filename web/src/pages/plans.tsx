// SIM plans: allowance, cycle day, costs and usage thresholds per tenant; create, change, delete.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useAccess } from '../access';
import { api } from '../api';
import { Confirm, ErrorNote, Loading, Section } from '../components/ui';
import { int } from '../format';
import { queryKeys } from '../query-keys';
import type { Page, Plan } from '../types';

type Threshold = { percent: number; action: 'event' | 'disable_and_move' | 'command'; command_type?: string };

/** "80 event, 100 disable_and_move, 90 command:restart" ⇄ the thresholds of a plan. */
export function parseThresholds(text: string): Threshold[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [percent, action = 'event'] = part.split(/\s+/);
      const [kind, command] = action.split(':');
      const t: Threshold = { percent: Number(percent), action: kind as Threshold['action'] };
      if (command) t.command_type = command;
      return t;
    });
}
export const showThresholds = (list: Plan['thresholds']) =>
  list.map((t) => `${t.percent} ${t.action}${t.command_type ? `:${t.command_type}` : ''}`).join(', ');

export function PlansPage() {
  const { can, who } = useAccess();
  const queries = useQueryClient();
  const plans = useQuery({ queryKey: queryKeys.plans(), queryFn: () => api<Page<Plan>>('/plans?limit=200') });
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Plan | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => api(`/plans/${id}`, { method: 'DELETE' }),
    onSuccess: () => queries.invalidateQueries({ queryKey: queryKeys.plans() }),
  });
  if (plans.isPending) return <Loading what="plans" />;
  return (
    <div className="page">
      <h1>Plans</h1>
      <p className="muted small">
        A plan applies to a card as its own plan (set on the card), else as its carrier’s default. Thresholds fire once per card
        and cycle: an event, a command for the client, or the card disabled and its client moved to another card of the same
        carrier.
      </p>
      {can('manage') && (
        <button type="button" onClick={() => setEditing('new')}>
          New plan
        </button>
      )}
      <ErrorNote error={plans.error ?? remove.error} />
      {editing && (
        <PlanForm plan={editing === 'new' ? null : editing} tenant={who?.tenant_id ?? 1} onDone={() => setEditing(null)} />
      )}
      <div className="table-wrap">
        <table className="table" data-testid="plans-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Carrier</th>
              <th scope="col" className="num">
                Allowance
              </th>
              <th scope="col" className="num">
                Cycle day
              </th>
              <th scope="col">Costs</th>
              <th scope="col">Thresholds</th>
              <th scope="col" className="num">
                Cards
              </th>
              {can('manage') && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {(plans.data?.items ?? []).map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>
                  {p.mcc_mnc ?? '—'}
                  {p.carrier_default ? ' (default)' : ''}
                </td>
                <td className="num">{p.allowance_mb === null ? 'none' : `${p.allowance_mb} MB`}</td>
                <td className="num">{p.cycle_day}</td>
                <td>
                  {p.monthly_fee} + {p.cost_per_mb}/MB, over {p.overage_cost_per_mb}/MB {p.currency}
                </td>
                <td>{showThresholds(p.thresholds) || '—'}</td>
                <td className="num" title={`${int(p.cards)} with it as their own plan`}>
                  {int(p.cards_priced)}
                </td>
                {can('manage') && (
                  <td>
                    <button type="button" onClick={() => setEditing(p)}>
                      Edit
                    </button>{' '}
                    <button type="button" onClick={() => setDeleting(p)}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
            {plans.data?.items.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  No plans yet: usage is counted per calendar month and costs nothing.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Confirm
        open={deleting !== null}
        title={`Delete plan ${deleting?.name ?? ''}?`}
        confirmLabel="Delete"
        danger
        busy={remove.isPending}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
          setDeleting(null);
        }}
        onCancel={() => setDeleting(null)}
      >
        Cards on it as their carrier’s default go back to no plan; a plan that cards have as their own cannot go.
      </Confirm>
    </div>
  );
}

function PlanForm({ plan, tenant, onDone }: { plan: Plan | null; tenant: number; onDone: () => void }) {
  const queries = useQueryClient();
  const [f, setF] = useState({
    name: plan?.name ?? '',
    mcc_mnc: plan?.mcc_mnc ?? '',
    carrier_default: plan?.carrier_default ?? false,
    allowance_mb: plan?.allowance_mb === null || plan?.allowance_mb === undefined ? '' : String(plan.allowance_mb),
    cycle_day: String(plan?.cycle_day ?? 1),
    cost_per_mb: String(plan?.cost_per_mb ?? 0),
    overage_cost_per_mb: String(plan?.overage_cost_per_mb ?? 0),
    monthly_fee: String(plan?.monthly_fee ?? 0),
    currency: plan?.currency ?? 'EUR',
    thresholds: plan ? showThresholds(plan.thresholds) : '80 event, 100 event',
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: f.name,
        mcc_mnc: f.mcc_mnc || null,
        carrier_default: f.carrier_default,
        allowance_mb: f.allowance_mb === '' ? null : Number(f.allowance_mb),
        cycle_day: Number(f.cycle_day),
        cost_per_mb: Number(f.cost_per_mb),
        overage_cost_per_mb: Number(f.overage_cost_per_mb),
        monthly_fee: Number(f.monthly_fee),
        currency: f.currency,
        thresholds: parseThresholds(f.thresholds),
      };
      return plan
        ? api(`/plans/${plan.id}`, { method: 'PATCH', json: body })
        : api('/plans', { method: 'POST', json: { tenant_id: tenant, ...body } });
    },
    onSuccess: () => {
      queries.invalidateQueries({ queryKey: queryKeys.plans() });
      onDone();
    },
  });
  const field = (key: keyof typeof f, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label} <input value={String(f[key])} onChange={(e) => setF({ ...f, [key]: e.target.value })} {...props} />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Section title={plan ? `Edit ${plan.name}` : 'New plan'} testId="plan-form">
      <form className="form" onSubmit={submit}>
        {field('name', 'Name', { required: true, maxLength: 100 })}
        {field('mcc_mnc', 'Carrier (MCC+MNC)', { pattern: '[0-9]{5,6}', placeholder: '310410' })}
        <label>
          <input
            type="checkbox"
            checked={f.carrier_default}
            onChange={(e) => setF({ ...f, carrier_default: e.target.checked })}
          />{' '}
          Default of its carrier
        </label>
        {field('allowance_mb', 'Allowance (MB per cycle, empty: none)', { inputMode: 'decimal' })}
        {field('cycle_day', 'Cycle starts on day', { type: 'number', min: 1, max: 28, required: true })}
        {field('monthly_fee', 'Fee per card and cycle', { inputMode: 'decimal' })}
        {field('cost_per_mb', 'Cost per MB', { inputMode: 'decimal' })}
        {field('overage_cost_per_mb', 'Cost per MB over the allowance', { inputMode: 'decimal' })}
        {field('currency', 'Currency', { pattern: '[A-Z]{3}', required: true })}
        {field('thresholds', 'Thresholds (percent action, …)', { placeholder: '80 event, 100 disable_and_move' })}
        <p className="muted small">Actions: event, disable_and_move, command:restart (or reregister, update_config).</p>
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
