// The operator's actions on a client: reassign, restart, re-register, unregister.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useAccess } from '../../access';
import { ApiError, api, qs } from '../../api';
import { Confirm, ErrorNote } from '../../components/ui';
import { queryKeys } from '../../query-keys';
import type { Page } from '../../types';
import type { ClientDetail, SlotRow } from './types';

type Action = 'reassign' | 'restart' | 'reregister' | 'unregister' | null;

export function Actions({ detail, tenant }: { detail: ClientDetail; tenant: number }) {
  const p = detail.profile;
  const clientId = detail.client_id;
  const path = `/clients/${encodeURIComponent(clientId)}`;
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState<Action>(null);
  const [slot, setSlot] = useState<string>('');
  const [notice, setNotice] = useState<string | null>(null);
  const { can } = useAccess();
  const active = p.status === 'ACTIVE';
  const canCommand = active && p.last_heartbeat !== null;
  const why = !active
    ? 'This client is not registered.'
    : 'This client has never sent a heartbeat (the deployed OpenWRT client never does), so it cannot receive commands.';

  const free = useQuery({
    queryKey: queryKeys.freeSlots(p.tenant_id),
    queryFn: () => api<Page<SlotRow>>(`/slots${qs({ status: 'available', tenant_id: tenant || undefined, limit: 500 })}`),
    enabled: open === 'reassign',
  });
  const act = useMutation({
    mutationFn: async (action: Exclude<Action, null>) => {
      if (action === 'reassign') {
        const [bank, s] = slot.split(':').map(Number);
        return api(`${path}/reassign`, {
          method: 'POST',
          json: { tenant_id: tenant, bank_id: bank, slot_id: s, reason: 'console' },
        });
      }
      if (action === 'unregister') return api(`${path}${qs({ tenant_id: tenant })}`, { method: 'DELETE' });
      return api(`${path}/commands`, { method: 'POST', json: { tenant_id: tenant, type: action } });
    },
    onSuccess: (_data, action) => {
      setOpen(null);
      setNotice(
        action === 'reassign'
          ? 'Reassigned: the remsim-server mapping follows.'
          : action === 'unregister'
            ? 'Unregistered: the slot is free again.'
            : `Command ${action} queued; it is handed over with the next heartbeat.`,
      );
      void queries.invalidateQueries({ queryKey: queryKeys.client(clientId) });
      void queries.invalidateQueries({ queryKey: queryKeys.clientCommands(clientId) });
      void queries.invalidateQueries({ queryKey: queryKeys.clientAudit(clientId) });
      if (action === 'unregister') navigate(path);
    },
  });
  const choose = (a: Action) => {
    act.reset();
    setNotice(null);
    setOpen(a);
  };
  if (!can('operate'))
    return (
      <p className="muted small" data-testid="actions">
        Your key may look but not act (reassign, commands and unregister need an operator key).
      </p>
    );
  return (
    <div className="actions" data-testid="actions">
      <button type="button" onClick={() => choose('reassign')} disabled={!active}>
        Reassign…
      </button>
      <button
        type="button"
        onClick={() => choose('restart')}
        disabled={!canCommand}
        aria-describedby={canCommand ? undefined : 'no-commands'}
      >
        Restart…
      </button>
      <button
        type="button"
        onClick={() => choose('reregister')}
        disabled={!canCommand}
        aria-describedby={canCommand ? undefined : 'no-commands'}
      >
        Re-register…
      </button>
      <button type="button" className="danger" onClick={() => choose('unregister')} disabled={!active}>
        Unregister…
      </button>
      {!canCommand && (
        <p id="no-commands" className="muted small">
          {why}
        </p>
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      <Confirm
        open={open === 'reassign'}
        title={`Reassign ${clientId}`}
        confirmLabel="Reassign"
        busy={act.isPending}
        onCancel={() => setOpen(null)}
        onConfirm={() => slot && act.mutate('reassign')}
      >
        <p>
          Now on bank {p.bank_id} slot {p.slot_id}. The router keeps its RSPRO identity; the remsim-server mapping moves to the
          new slot.
        </p>
        <label htmlFor="slot-picker">Free slot</label>
        <select id="slot-picker" value={slot} onChange={(e) => setSlot(e.target.value)} required>
          <option value="">{free.isPending ? 'Loading free slots…' : 'Choose a free slot'}</option>
          {(free.data?.items ?? []).map((s) => (
            <option key={`${s.bank_id}:${s.slot_id}`} value={`${s.bank_id}:${s.slot_id}`}>
              bank {s.bank_id} slot {s.slot_id} {s.carrier ? `· ${s.carrier}` : ''} {s.iccid ? `· ${s.iccid}` : ''}
            </option>
          ))}
        </select>
        {free.data && free.data.total > free.data.items.length && (
          <p className="muted small">
            Showing the first {free.data.items.length} of {free.data.total} free slots.
          </p>
        )}
        <ActionError error={act.error} />
      </Confirm>
      <Confirm
        open={open === 'restart' || open === 'reregister'}
        title={open === 'restart' ? `Restart ${clientId}` : `Re-register ${clientId}`}
        confirmLabel={open === 'restart' ? 'Queue restart' : 'Queue re-register'}
        busy={act.isPending}
        onCancel={() => setOpen(null)}
        onConfirm={() => open && act.mutate(open)}
      >
        <p>The command is handed over with the client’s next heartbeat and waits up to an hour.</p>
        <ActionError error={act.error} />
      </Confirm>
      <Confirm
        open={open === 'unregister'}
        title={`Unregister ${clientId}`}
        confirmLabel="Unregister"
        danger
        busy={act.isPending}
        onCancel={() => setOpen(null)}
        onConfirm={() => act.mutate('unregister')}
      >
        <p>
          The router loses its SIM: slot {p.bank_id}/{p.slot_id} is freed and its remsim-server map removed. A deployed client
          does not register again until it restarts.
        </p>
        <ActionError error={act.error} />
      </Confirm>
    </div>
  );
}

function ActionError({ error }: { error: unknown }) {
  if (!error) return null;
  return <ErrorNote error={error instanceof ApiError ? error : new Error(String(error))} />;
}
