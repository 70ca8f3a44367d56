// The actions a bulk job can run: each is the action that exists for one object (the same use
// case, the same checks, the same audit entry), run for one item. An action says what its items
// name (cards or clients), the access a key's role must grant to start it, and which parameters
// it takes. It answers done or skipped (with the reason); a refusal of its use case (a domain
// error) makes the item failed with the error's code and message.
import type { Actor } from '../../domain/actor.js';
import { DomainError, invalid } from '../../domain/errors.js';
import type { Access } from '../../domain/roles.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { ClientsService } from '../clients/index.js';
import type { CommandsService } from '../commands/index.js';
import type { GroupsService } from '../groups/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { CardActions, ProtectionService } from '../usage/index.js';

/** What the actions act through: the use cases of the modules that own the objects. */
export interface JobPorts {
  inventory: InventoryService;
  clients: ClientsService;
  commands: CommandsService;
  groups: GroupsService;
  protection: ProtectionService;
  cardActions: CardActions;
}

export interface JobParams {
  add_tags?: string[];
  remove_tags?: string[];
  group_id?: number;
  from_group_id?: number;
  mcc_mnc?: string;
  reason?: string;
  command?: {
    type: 'restart' | 'reregister' | 'switch_slot' | 'update_config';
    payload?: Record<string, unknown>;
    expires_in_sec?: number;
  };
  enforcing?: boolean;
}

export interface Item {
  bank_id: number | null;
  slot_id: number | null;
  client_id: string | null;
}

export interface ItemContext {
  tenantId: number;
  actor: Actor;
  scope: TenantScope;
  params: JobParams;
}

export interface Outcome {
  state: 'done' | 'skipped';
  reason?: string;
  result?: unknown;
}

interface ActionDef {
  target: 'card' | 'client';
  access: Access;
  description: string;
  /** Parameters it needs, and those it may take besides. */
  required: (keyof JobParams)[];
  optional: (keyof JobParams)[];
  run: (ports: JobPorts, item: Item, ctx: ItemContext) => Promise<Outcome>;
}

const done = (result?: unknown): Outcome => ({ state: 'done', result });
const skipped = (reason: string): Outcome => ({ state: 'skipped', reason });

/** A bank slot's status; null for a virtual SIM of a KI pool (no slot). */
async function slotStatus(ports: JobPorts, item: Item) {
  try {
    return (await ports.inventory.banks.getSlot(item.bank_id as number, item.slot_id as number)).status;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'SLOT_NOT_FOUND') return null;
    throw e;
  }
}

const card = (item: Item) => ({ bank_id: item.bank_id as number, slot_id: item.slot_id as number });

function setStatus(to: 'disabled' | 'faulty') {
  return async (ports: JobPorts, item: Item, ctx: ItemContext): Promise<Outcome> => {
    const status = await slotStatus(ports, item);
    if (status === null) return skipped('a virtual SIM of a KI pool has no slot status');
    if (status === to) return skipped(`already ${to}`);
    if (status === 'empty') return skipped('the slot holds no card');
    const s = await ports.inventory.banks.updateSlot(item.bank_id as number, item.slot_id as number, { status: to }, ctx.actor);
    return done({ from: status, to: s.status });
  };
}

export const ACTIONS = {
  disable_card: {
    target: 'card',
    access: 'manage',
    description: 'Disable the card (a client on it keeps its assignment, as PATCH of the slot does)',
    required: [],
    optional: [],
    run: setStatus('disabled'),
  },
  mark_faulty: {
    target: 'card',
    access: 'manage',
    description: 'Mark the card faulty',
    required: [],
    optional: [],
    run: setStatus('faulty'),
  },
  enable_card: {
    target: 'card',
    access: 'manage',
    description: 'Put a disabled or faulty card back in service (a locked card is unlocked, as POST /card-locks/…/unlock)',
    required: [],
    optional: [],
    run: async (ports, item, ctx) => {
      const status = await slotStatus(ports, item);
      if (status === null) return skipped('a virtual SIM of a KI pool has no slot status');
      if (status !== 'disabled' && status !== 'faulty') return skipped(`already in service (${status})`);
      try {
        const r = await ports.cardActions.unlock(item.bank_id as number, item.slot_id as number, ctx.actor);
        return done({ from: status, to: r.slot_status, unlocked: r.kind });
      } catch (e) {
        if (!(e instanceof DomainError && e.code === 'CARD_NOT_LOCKED')) throw e;
      }
      const s = await ports.inventory.banks.updateSlot(
        item.bank_id as number,
        item.slot_id as number,
        { status: 'available' },
        ctx.actor,
      );
      return done({ from: status, to: s.status });
    },
  },
  tag_card: {
    target: 'card',
    access: 'manage',
    description: 'Add and remove tags of the card',
    required: [],
    optional: ['add_tags', 'remove_tags'],
    run: async (ports, item, ctx) => {
      const r = await ports.groups.changeCardTags(
        card(item),
        { add: ctx.params.add_tags, remove: ctx.params.remove_tags },
        ctx.actor,
      );
      return r.changed ? done({ tags: r.tags }) : skipped('its tags are already so');
    },
  },
  move_to_group: {
    target: 'card',
    access: 'manage',
    description: 'Add the card to an explicit group (and take it out of another, from_group_id)',
    required: ['group_id'],
    optional: ['from_group_id'],
    run: async (ports, item, ctx) => {
      const c = card(item);
      const from = ctx.params.from_group_id;
      const out = from ? (await ports.groups.changeMembers(from, { remove: [c] }, ctx.actor)).removed.length : 0;
      const r = await ports.groups.changeMembers(ctx.params.group_id as number, { add: [c] }, ctx.actor);
      if (r.added.length === 0 && out === 0) return skipped('already in the group');
      return done({ group_id: ctx.params.group_id, removed_from: out ? from : null });
    },
  },
  bind_imei: {
    target: 'card',
    access: 'manage',
    description: 'Bind the card to the IMEI of the modem that uses it now',
    required: [],
    optional: ['enforcing'],
    run: async (ports, item, ctx) => {
      const r = await ports.protection.bindCurrent(
        { tenant_id: ctx.tenantId, bank_id: card(item).bank_id, slot_id: card(item).slot_id, enforcing: ctx.params.enforcing },
        ctx.actor,
        ctx.scope,
      );
      const b = r.cards[0];
      return b ? done({ imei: b.imei, client_id: b.client_id }) : skipped('no modem using it has reported an IMEI');
    },
  },
  reassign_client: {
    target: 'client',
    access: 'operate',
    description: 'Move the client to another card (of the same carrier unless mcc_mnc says another); its RSPRO identity stays',
    required: [],
    optional: ['mcc_mnc', 'reason'],
    run: async (ports, item, ctx) => {
      const r = await ports.clients.reassign(
        item.client_id as string,
        { tenant_id: ctx.tenantId, mcc_mnc: ctx.params.mcc_mnc, reason: ctx.params.reason },
        ctx.actor,
        ctx.scope,
      );
      return done({ from: r.from, to: { bank_id: r.to.bank_id, slot_id: r.to.slot_id } });
    },
  },
  unregister_client: {
    target: 'client',
    access: 'operate',
    description: 'Release the client’s assignment',
    required: [],
    optional: [],
    run: async (ports, item, ctx) => {
      await ports.clients.unregisterByOperator(item.client_id as string, ctx.tenantId, ctx.actor, ctx.scope);
      return done();
    },
  },
  queue_command: {
    target: 'client',
    access: 'operate',
    description: 'Queue a command for the client’s agent',
    required: ['command'],
    optional: [],
    run: async (ports, item, ctx) => {
      const c = ctx.params.command as NonNullable<JobParams['command']>;
      const r = await ports.commands.queue(item.client_id as string, { ...c, tenant_id: ctx.tenantId }, ctx.actor, ctx.scope);
      return done({ command_id: r.id });
    },
  },
  tag_client: {
    target: 'client',
    access: 'manage',
    description: 'Add and remove tags of the client',
    required: [],
    optional: ['add_tags', 'remove_tags'],
    run: async (ports, item, ctx) => {
      const r = await ports.groups.changeClientTags(
        item.client_id as string,
        ctx.tenantId,
        { add: ctx.params.add_tags, remove: ctx.params.remove_tags },
        ctx.actor,
        ctx.scope,
      );
      return r.changed ? done({ tags: r.tags }) : skipped('its tags are already so');
    },
  },
} satisfies Record<string, ActionDef>;

export type ActionName = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];
export const actionOf = (name: string): ActionDef => ACTIONS[name as ActionName];

/** The parameters an action takes, checked: a missing one or one it does not take is refused. */
export function checkParams(name: ActionName, params: JobParams) {
  const a: ActionDef = ACTIONS[name];
  for (const p of a.required) if (params[p] === undefined) throw invalid(`${name} needs params.${p}`, { field: `params.${p}` });
  for (const p of Object.keys(params) as (keyof JobParams)[])
    if (!a.required.includes(p) && !a.optional.includes(p))
      throw invalid(`${name} takes no params.${p}`, { field: `params.${p}` });
  if ((name === 'tag_card' || name === 'tag_client') && !params.add_tags?.length && !params.remove_tags?.length)
    throw invalid(`${name} needs params.add_tags or params.remove_tags`, { field: 'params.add_tags' });
}
