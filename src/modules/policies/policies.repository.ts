// SQL of assignment policies, with the shape of each row declared and checked (rowsOf).
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import type { PolicyAction, PolicyConditions } from '../../domain/assignment-policy.js';

const Int = Type.Integer();
const Json = Type.Record(Type.String(), Type.Unknown());

export const PolicyRow = Type.Object({
  id: Int,
  tenant_id: Int,
  name: Type.String(),
  priority: Int,
  enabled: Type.Boolean(),
  // jsonb, checked by policyProblem (src/domain/assignment-policy.ts) when written
  conditions: Type.Unsafe<PolicyConditions>(Json),
  action: Type.Unsafe<PolicyAction>(Json),
  created_at: SqlTime,
  updated_at: SqlTime,
});
export type PolicyRow = Static<typeof PolicyRow>;

export interface PolicyValues {
  name: string;
  priority: number;
  enabled: boolean;
  conditions: PolicyConditions;
  action: PolicyAction;
}

/** A tenant's policies in decision order. */
export const policiesOf = (db: Sql, tenantId: number) =>
  rowsOf(db, PolicyRow, sql`SELECT * FROM assignment_policies WHERE tenant_id = ${tenantId} ORDER BY priority, id`);

export async function listPolicies(db: Sql, tenantId: number | undefined, limit: number, offset: number) {
  const cond = sql`WHERE (${tenantId ?? null}::int IS NULL OR tenant_id = ${tenantId ?? null}::int)`;
  return {
    items: await rowsOf(
      db,
      PolicyRow,
      sql`SELECT * FROM assignment_policies ${cond} ORDER BY tenant_id, priority, id LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM assignment_policies ${cond}`))[0]?.n ?? 0,
  };
}

export const getPolicy = async (db: Sql, id: number) =>
  (await rowsOf(db, PolicyRow, sql`SELECT * FROM assignment_policies WHERE id = ${id}`))[0] ?? null;

export async function insertPolicy(db: Sql, tenantId: number, v: PolicyValues) {
  const [p] = await rowsOf(
    db,
    PolicyRow,
    sql`INSERT INTO assignment_policies (tenant_id, name, priority, enabled, conditions, action)
        VALUES (${tenantId}, ${v.name}, ${v.priority}, ${v.enabled}, ${JSON.stringify(v.conditions)}::jsonb,
                ${JSON.stringify(v.action)}::jsonb)
        RETURNING *`,
  );
  return p as PolicyRow;
}

export async function updatePolicy(db: Sql, id: number, v: PolicyValues) {
  const [p] = await rowsOf(
    db,
    PolicyRow,
    sql`UPDATE assignment_policies SET name = ${v.name}, priority = ${v.priority}, enabled = ${v.enabled},
          conditions = ${JSON.stringify(v.conditions)}::jsonb, action = ${JSON.stringify(v.action)}::jsonb, updated_at = now()
        WHERE id = ${id} RETURNING *`,
  );
  return p ?? null;
}

export const deletePolicy = (db: Sql, id: number) => db.execute(sql`DELETE FROM assignment_policies WHERE id = ${id}`);
