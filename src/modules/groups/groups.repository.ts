// SQL of SIM groups, their members and the tags of cards and clients.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();

export interface GroupFilter {
  mcc_mnc?: string;
  bank_id?: number;
  tag?: string;
  pool_id?: number;
  state?: string;
}

export const GroupRow = Type.Object({
  id: Int,
  tenant_id: Int,
  name: Str,
  kind: Str,
  filter: Nullable(Type.Unsafe<GroupFilter>(Type.Record(Str, Type.Unknown()))),
  priority: Int,
  plan_id: Nullable(Int),
  listed: Int,
  created_at: SqlTime,
  updated_at: SqlTime,
});
export type GroupRow = Static<typeof GroupRow>;

export interface GroupValues {
  name: string;
  kind: 'explicit' | 'filter';
  filter: GroupFilter | null;
  priority: number;
  plan_id: number | null;
}

const COLUMNS = sql`g.id, g.tenant_id, g.name, g.kind, g.filter, g.priority, g.plan_id,
  (SELECT count(*)::int FROM group_members m WHERE m.group_id = g.id) AS listed,
  g.created_at::text AS created_at, g.updated_at::text AS updated_at`;

export async function listGroups(db: Sql, tenantId: number | undefined, limit: number, offset: number) {
  const cond = sql`WHERE (${tenantId ?? null}::int IS NULL OR g.tenant_id = ${tenantId ?? null}::int)`;
  return {
    items: await rowsOf(
      db,
      GroupRow,
      sql`SELECT ${COLUMNS} FROM sim_groups g ${cond} ORDER BY g.tenant_id, g.priority, g.name LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM sim_groups g ${cond}`))[0]?.n ?? 0,
  };
}

export const getGroup = async (db: Sql, id: number) =>
  (await rowsOf(db, GroupRow, sql`SELECT ${COLUMNS} FROM sim_groups g WHERE g.id = ${id}`))[0] ?? null;

export async function insertGroup(tx: Sql, tenantId: number, v: GroupValues) {
  const [row] = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`INSERT INTO sim_groups (tenant_id, name, kind, filter, priority, plan_id)
        VALUES (${tenantId}, ${v.name}, ${v.kind}, ${v.filter === null ? null : JSON.stringify(v.filter)}::jsonb, ${v.priority},
                ${v.plan_id})
        RETURNING id`,
  );
  return row?.id as number;
}

export const updateGroup = (tx: Sql, id: number, v: GroupValues) =>
  tx.execute(
    sql`UPDATE sim_groups SET name = ${v.name}, kind = ${v.kind},
          filter = ${v.filter === null ? null : JSON.stringify(v.filter)}::jsonb, priority = ${v.priority},
          plan_id = ${v.plan_id}, updated_at = now()
        WHERE id = ${id}`,
  );

export const deleteGroup = (tx: Sql, id: number) => tx.execute(sql`DELETE FROM sim_groups WHERE id = ${id}`);

export interface Card {
  bank_id: number;
  slot_id: number;
}

/** Adds cards to an explicit group (the ones there already stay); the cards added. */
export async function addMembers(tx: Sql, groupId: number, cards: Card[]) {
  if (cards.length === 0) return [];
  return rowsOf(
    tx,
    Type.Object({ bank_id: Int, slot_id: Int }),
    sql`INSERT INTO group_members (group_id, bank_id, slot_id)
        SELECT ${groupId}, u.b, u.s FROM unnest(${`{${cards.map((c) => c.bank_id).join(',')}}`}::int[],
                                               ${`{${cards.map((c) => c.slot_id).join(',')}}`}::int[]) AS u(b, s)
        ON CONFLICT DO NOTHING
        RETURNING bank_id, slot_id`,
  );
}

/** Removes cards from an explicit group; the cards removed. */
export async function removeMembers(tx: Sql, groupId: number, cards: Card[]) {
  if (cards.length === 0) return [];
  return rowsOf(
    tx,
    Type.Object({ bank_id: Int, slot_id: Int }),
    sql`DELETE FROM group_members m
         USING unnest(${`{${cards.map((c) => c.bank_id).join(',')}}`}::int[], ${`{${cards.map((c) => c.slot_id).join(',')}}`}::int[]) AS u(b, s)
         WHERE m.group_id = ${groupId} AND m.bank_id = u.b AND m.slot_id = u.s
        RETURNING m.bank_id, m.slot_id`,
  );
}

export const MemberRow = Type.Object({
  bank_id: Int,
  slot_id: Int,
  iccid: Nullable(Str),
  mcc_mnc: Nullable(Str),
  status: Nullable(Str),
  client_id: Nullable(Str),
});

/** The cards of a group now (bank slots and the virtual slots of its tenant's KI pools): an
 * explicit group's listed members, a filter group's matches, by the one membership rule
 * (ionmesh_card_groups). A CTE body of (bank_id, slot_id). */
const memberCards = (groupId: number, tenantId: number) => sql`
  WITH cards AS (
    SELECT s.bank_id, s.slot_id FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
     WHERE b.tenant_id = ${tenantId}
    UNION
    SELECT v.bank_id, v.slot_nr FROM kiproxy_virtual_slots v JOIN kiproxy_pools kp ON kp.id = v.pool_id
     WHERE kp.tenant_id = ${tenantId})
  SELECT g.bank_id, g.slot_id FROM ionmesh_card_groups((SELECT array_agg(bank_id) FROM cards),
                                                       (SELECT array_agg(slot_id) FROM cards)) g
   WHERE g.group_id = ${groupId}`;

/** The cards of a group now, paged, with what each holds. */
export async function members(db: Sql, groupId: number, tenantId: number, limit: number, offset: number) {
  const list = await rowsOf(
    db,
    Type.Object({ ...MemberRow.properties, total_rows: Int }),
    sql`WITH m AS (${memberCards(groupId, tenantId)})
        SELECT m.bank_id, m.slot_id, s.iccid, s.mcc_mnc, s.status, p.client_id, count(*) OVER ()::int AS total_rows
          FROM m
          LEFT JOIN inventory_slots s ON s.bank_id = m.bank_id AND s.slot_id = m.slot_id
          LEFT JOIN clients_profiles p ON p.bank_id = m.bank_id AND p.slot_id = m.slot_id AND p.status = 'ACTIVE'
         ORDER BY m.bank_id, m.slot_id LIMIT ${limit} OFFSET ${offset}`,
  );
  return { total: list[0]?.total_rows ?? 0, items: list.map(({ total_rows: _, ...r }) => r) };
}

const CardRow = Type.Object({ bank_id: Int, slot_id: Int });

/** Every card of a group now, in order (a bulk job's targets), at most `max` + 1. */
export const allMembers = (db: Sql, groupId: number, tenantId: number, max: number) =>
  rowsOf(db, CardRow, sql`${memberCards(groupId, tenantId)} ORDER BY 1, 2 LIMIT ${max + 1}`);

/** Every card of a tenant an ad-hoc filter matches (the filter groups' rule), at most `max` + 1. */
export const cardsMatching = (db: Sql, tenantId: number, filter: GroupFilter, max: number) =>
  rowsOf(
    db,
    CardRow,
    sql`SELECT bank_id, slot_id FROM ionmesh_filter_cards(${tenantId}, ${JSON.stringify(filter)}::jsonb) LIMIT ${max + 1}`,
  );

/** The clients of a tenant with a tag, in order, at most `max` + 1. */
export const clientsTagged = async (db: Sql, tenantId: number, tag: string, max: number) =>
  (
    await rowsOf(
      db,
      Type.Object({ client_id: Str }),
      sql`SELECT client_id FROM client_tags WHERE tenant_id = ${tenantId} AND tag = ${tag} ORDER BY client_id LIMIT ${max + 1}`,
    )
  ).map((r) => r.client_id);

export const tenantOfBank = async (db: Sql, bankId: number) =>
  (await rowsOf(db, Type.Object({ tenant_id: Int }), sql`SELECT tenant_id FROM inventory_banks WHERE bank_id = ${bankId}`))[0]
    ?.tenant_id ?? null;

export const cardTagsOf = async (db: Sql, card: Card) =>
  (
    await rowsOf(
      db,
      Type.Object({ tag: Str }),
      sql`SELECT tag FROM card_tags WHERE bank_id = ${card.bank_id} AND slot_id = ${card.slot_id} ORDER BY tag`,
    )
  ).map((r) => r.tag);

export async function setCardTags(tx: Sql, card: Card, tenantId: number, tags: string[]) {
  await tx.execute(sql`DELETE FROM card_tags WHERE bank_id = ${card.bank_id} AND slot_id = ${card.slot_id}`);
  if (tags.length)
    await tx.execute(
      sql`INSERT INTO card_tags (bank_id, slot_id, tag, tenant_id)
          SELECT ${card.bank_id}, ${card.slot_id}, t, ${tenantId} FROM unnest(${sql.param(tags)}::text[]) AS t`,
    );
}

export const clientTagsOf = async (db: Sql, tenantId: number, clientId: string) =>
  (
    await rowsOf(
      db,
      Type.Object({ tag: Str }),
      sql`SELECT tag FROM client_tags WHERE tenant_id = ${tenantId} AND client_id = ${clientId} ORDER BY tag`,
    )
  ).map((r) => r.tag);

export async function setClientTags(tx: Sql, tenantId: number, clientId: string, tags: string[]) {
  await tx.execute(sql`DELETE FROM client_tags WHERE tenant_id = ${tenantId} AND client_id = ${clientId}`);
  if (tags.length)
    await tx.execute(
      sql`INSERT INTO client_tags (tenant_id, client_id, tag)
          SELECT ${tenantId}, ${clientId}, t FROM unnest(${sql.param(tags)}::text[]) AS t`,
    );
}

/** The cards of a tenant with a tag. */
export function cardsTagged(db: Sql, tenantId: number | undefined, tag: string, limit: number, offset: number) {
  return rowsOf(
    db,
    Type.Object({ bank_id: Int, slot_id: Int, tenant_id: Int }),
    sql`SELECT bank_id, slot_id, tenant_id FROM card_tags
         WHERE tag = ${tag} AND (${tenantId ?? null}::int IS NULL OR tenant_id = ${tenantId ?? null}::int)
         ORDER BY bank_id, slot_id LIMIT ${limit} OFFSET ${offset}`,
  );
}

/** Whether a plan belongs to the tenant (a foreign one is a missing one). */
export async function referencesOf(db: Sql, planId: number | null) {
  const [row] = await rowsOf(
    db,
    Type.Object({ plan_tenant: Nullable(Int) }),
    sql`SELECT (SELECT tenant_id FROM usage_plans_tenants WHERE id = ${planId}) AS plan_tenant`,
  );
  return row ?? { plan_tenant: null };
}

/** Whether the tenant has (or had) a profile of the client. */
export const clientKnown = async (db: Sql, tenantId: number, clientId: string) =>
  (
    await rowsOf(
      db,
      CountRow,
      sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM clients_profiles WHERE tenant_id = ${tenantId} AND client_id = ${clientId} LIMIT 1) x`,
    )
  )[0]?.n === 1;
