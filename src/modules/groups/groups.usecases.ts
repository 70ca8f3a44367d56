// SIM groups and tags: groups of cards, explicit or by a saved filter, holding a plan (a card's
// plan: its own, else its first group's, else its carrier's default) and usage thresholds; tags on cards and clients. Every change is audited, a
// membership change with the cards added and removed.
import { type Database, uniqueOr } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { invalid, tenantNotFound } from '../../domain/errors.js';
import { readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { clientNotFound } from '../clients/index.js';
import { tenantExists } from '../inventory/index.js';
import {
  dropThresholds,
  groupsThresholds,
  planNotFound,
  recheckAll,
  replaceThresholds,
  type ThresholdValues,
  thresholdsOf,
} from '../usage/index.js';
import { groupExists, groupNotFound } from './groups.errors.js';
import * as repo from './groups.repository.js';

export interface GroupInput {
  tenant_id: number;
  name: string;
  kind: 'explicit' | 'filter';
  filter?: repo.GroupFilter;
  members?: repo.Card[];
  priority?: number;
  plan_id?: number | null;
  thresholds?: ThresholdValues[];
}

const MAX_MEMBERS_PER_CALL = 10_000;

export class GroupsService {
  constructor(private readonly db: Database) {}

  list(f: { tenant_id?: number; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    return this.db.run(async (h) => {
      const page = await repo.listGroups(h, readTenant(scope, f.tenant_id), limit, offset);
      // The page's thresholds in one statement, not one per group.
      const all = page.items.length
        ? await groupsThresholds(
            h,
            page.items.map((g) => g.id),
          )
        : [];
      const items = page.items.map((g) => ({
        ...g,
        thresholds: all
          .filter((t) => t.group_id === g.id)
          .map(({ plan_id: _p, bank_id: _b, slot_id: _s, group_id: _g, ...t }) => t),
      }));
      return { items, total: page.total, limit, offset };
    });
  }

  async get(id: number) {
    return this.db.run(async (h) => {
      const g = await repo.getGroup(h, id);
      if (!g) throw groupNotFound(id);
      const thresholds = await thresholdsOf(h, { groupId: id });
      return { ...g, thresholds: thresholds.map(({ plan_id: _p, bank_id: _b, slot_id: _s, ...t }) => t) };
    });
  }

  /** The cards of a group now (a filter group's are evaluated), paged. */
  async members(id: number, page: { limit: number; offset: number }) {
    const g = await this.get(id);
    const m = await this.db.run((h) => repo.members(h, id, g.tenant_id, page.limit, page.offset));
    return { group_id: id, ...m, ...page };
  }

  create(input: GroupInput, actor: Actor, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    const values = this.values(input);
    if (input.kind === 'filter' && input.members?.length)
      throw invalid('a filter group has no listed members', { field: 'members' });
    return uniqueOr(
      () => groupExists(input.name),
      () =>
        this.db.transaction(async (tx) => {
          if (!(await tenantExists(tx, input.tenant_id))) throw tenantNotFound(input.tenant_id);
          await this.checkReferences(tx, input.tenant_id, values);
          const id = await repo.insertGroup(tx, input.tenant_id, values);
          const added = await repo.addMembers(tx, id, input.members ?? []);
          await replaceThresholds(tx, input.tenant_id, { groupId: id }, input.thresholds ?? []);
          await recheckAll(tx);
          await recordAudit(tx, actor, {
            tenantId: input.tenant_id,
            action: 'group.create',
            entityType: 'sim_group',
            entityId: String(id),
            after: { ...values, members: added, thresholds: input.thresholds ?? [] },
          });
          return id;
        }),
    ).then((id) => this.get(id));
  }

  async update(id: number, patch: Partial<Omit<GroupInput, 'tenant_id' | 'kind' | 'members'>>, actor: Actor) {
    const before = await this.get(id);
    const values = this.values({
      tenant_id: before.tenant_id,
      kind: before.kind as 'explicit' | 'filter',
      name: patch.name ?? before.name,
      filter: patch.filter ?? before.filter ?? undefined,
      priority: patch.priority ?? before.priority,
      plan_id: patch.plan_id === undefined ? before.plan_id : patch.plan_id,
    });
    await uniqueOr(
      () => groupExists(values.name),
      () =>
        this.db.transaction(async (tx) => {
          await this.checkReferences(tx, before.tenant_id, values);
          await repo.updateGroup(tx, id, values);
          if (patch.thresholds) await replaceThresholds(tx, before.tenant_id, { groupId: id }, patch.thresholds);
          await recheckAll(tx);
          await recordAudit(tx, actor, {
            tenantId: before.tenant_id,
            action: 'group.update',
            entityType: 'sim_group',
            entityId: String(id),
            before,
            after: { ...values, thresholds: patch.thresholds ?? before.thresholds },
          });
        }),
    );
    return this.get(id);
  }

  async remove(id: number, actor: Actor) {
    const before = await this.get(id);
    await this.db.transaction(async (tx) => {
      await dropThresholds(tx, { groupId: id });
      await repo.deleteGroup(tx, id);
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id,
        action: 'group.delete',
        entityType: 'sim_group',
        entityId: String(id),
        before,
      });
    });
    return { status: 'success' as const, message: `Group ${id} deleted` };
  }

  /** Adds and removes cards of an explicit group; every card must be of the group's tenant. */
  async changeMembers(id: number, change: { add?: repo.Card[]; remove?: repo.Card[] }, actor: Actor) {
    const g = await this.get(id);
    if (g.kind !== 'explicit') throw invalid('a filter group’s members follow its filter: change the filter', { field: 'add' });
    const add = change.add ?? [];
    const remove = change.remove ?? [];
    if (add.length + remove.length > MAX_MEMBERS_PER_CALL)
      throw invalid(`at most ${MAX_MEMBERS_PER_CALL} cards per call`, { field: 'add' });
    return this.db.transaction(async (tx) => {
      for (const bank of new Set(add.map((c) => c.bank_id)))
        if ((await repo.tenantOfBank(tx, bank)) !== g.tenant_id)
          throw invalid(`bank ${bank} is not a bank of the group's tenant`, { field: 'add' });
      const added = await repo.addMembers(tx, id, add);
      const removed = await repo.removeMembers(tx, id, remove);
      if (added.length || removed.length) {
        await recheckAll(tx);
        await recordAudit(tx, actor, {
          tenantId: g.tenant_id,
          action: 'group.members',
          entityType: 'sim_group',
          entityId: String(id),
          after: { added, removed },
        });
      }
      return { status: 'success' as const, group_id: id, added, removed };
    });
  }

  /** The cards a bulk job's selector names: a group of the tenant (its members now) or an ad-hoc
   * filter over the tenant's cards (the filter groups' rule); at most `max` + 1, in order. */
  async cardsOf(tenantId: number, by: { group_id: number } | { filter: repo.GroupFilter }, max: number) {
    return this.db.run(async (h) => {
      if ('filter' in by) return repo.cardsMatching(h, tenantId, by.filter, max);
      const g = await repo.getGroup(h, by.group_id);
      if (!g || g.tenant_id !== tenantId) throw groupNotFound(by.group_id);
      return repo.allMembers(h, by.group_id, tenantId, max);
    });
  }

  /** The clients of the tenant with a tag, at most `max` + 1, in order. */
  clientsTagged = (tenantId: number, tag: string, max: number) => this.db.run((h) => repo.clientsTagged(h, tenantId, tag, max));

  /** Adds and removes tags of a card (a bulk job's step); no change, no audit entry. */
  async changeCardTags(card: repo.Card, change: { add?: string[]; remove?: string[] }, actor: Actor) {
    const before = await this.db.run((h) => repo.cardTagsOf(h, card));
    const after = nextTags(before, change);
    if (after === null) return { changed: false, tags: before };
    return { changed: true, tags: (await this.setCardTags(card, after, actor)).tags };
  }

  /** Adds and removes tags of a client of the tenant (a bulk job's step); no change, no audit entry. */
  async changeClientTags(
    clientId: string,
    tenantId: number,
    change: { add?: string[]; remove?: string[] },
    actor: Actor,
    scope: TenantScope,
  ) {
    const before = (await this.clientTags(clientId, tenantId, scope)).tags;
    const after = nextTags(before, change);
    if (after === null) return { changed: false, tags: before };
    return { changed: true, tags: (await this.setClientTags(clientId, tenantId, after, actor, scope)).tags };
  }

  async cardTags(card: repo.Card) {
    return { ...card, tags: await this.db.run((h) => repo.cardTagsOf(h, card)) };
  }

  async setCardTags(card: repo.Card, tags: string[], actor: Actor) {
    const unique = [...new Set(tags)];
    await this.db.transaction(async (tx) => {
      const tenantId = await repo.tenantOfBank(tx, card.bank_id);
      if (tenantId === null) throw invalid(`bank ${card.bank_id} does not exist`, { field: 'bank_id' });
      const before = await repo.cardTagsOf(tx, card);
      await repo.setCardTags(tx, card, tenantId, unique);
      await recheckAll(tx);
      await recordAudit(tx, actor, {
        tenantId,
        action: 'tags.update',
        entityType: 'slot',
        entityId: `${card.bank_id}/${card.slot_id}`,
        before: { tags: before },
        after: { tags: unique },
      });
    });
    return this.cardTags(card);
  }

  async clientTags(clientId: string, asked: number | undefined, scope: TenantScope) {
    const tenantId = readTenant(scope, asked);
    if (tenantId === undefined) throw invalid('tenant_id is required for an admin key', { field: 'tenant_id' });
    return this.db.run(async (h) => {
      if (!(await repo.clientKnown(h, tenantId, clientId))) throw clientNotFound(clientId);
      return { client_id: clientId, tenant_id: tenantId, tags: await repo.clientTagsOf(h, tenantId, clientId) };
    });
  }

  /** A client's tags (a client the tenant has, or had, a profile of). */
  async setClientTags(clientId: string, tenantAsked: number, tags: string[], actor: Actor, scope: TenantScope) {
    const tenantId = writeTenant(scope, tenantAsked);
    const unique = [...new Set(tags)];
    await this.db.transaction(async (tx) => {
      if (!(await tenantExists(tx, tenantId))) throw tenantNotFound(tenantId);
      if (!(await repo.clientKnown(tx, tenantId, clientId))) throw clientNotFound(clientId);
      const before = await repo.clientTagsOf(tx, tenantId, clientId);
      await repo.setClientTags(tx, tenantId, clientId, unique);
      await recordAudit(tx, actor, {
        tenantId,
        action: 'tags.update',
        entityType: 'client',
        entityId: clientId,
        before: { tags: before },
        after: { tags: unique },
      });
    });
    return { client_id: clientId, tenant_id: tenantId, tags: unique.sort() };
  }

  private async checkReferences(tx: Parameters<typeof repo.referencesOf>[0], tenantId: number, v: repo.GroupValues) {
    const r = await repo.referencesOf(tx, v.plan_id);
    if (v.plan_id !== null && r.plan_tenant !== tenantId) throw planNotFound(v.plan_id);
  }

  private values(input: GroupInput): repo.GroupValues {
    if (input.kind === 'filter' && (!input.filter || Object.keys(input.filter).length === 0))
      throw invalid('a filter group names at least one of mcc_mnc, bank_id, tag, pool_id, state', { field: 'filter' });
    if (input.kind === 'explicit' && input.filter) throw invalid('an explicit group has no filter', { field: 'filter' });
    return {
      name: input.name,
      kind: input.kind,
      filter: input.kind === 'filter' ? (input.filter ?? null) : null,
      priority: input.priority ?? 100,
      plan_id: input.plan_id ?? null,
    };
  }
}

/** The tags after adding and removing some; null when nothing changes. */
function nextTags(before: string[], change: { add?: string[]; remove?: string[] }) {
  const drop = new Set(change.remove ?? []);
  const after = [...new Set([...before.filter((t) => !drop.has(t)), ...(change.add ?? [])])].sort();
  return after.length === before.length && after.every((t, i) => t === [...before].sort()[i]) ? null : after;
}
