-- The groups each card given is in (the groups module's rule, read by a card's plan and the usage
-- thresholds): an explicit group's listed members, and every card of the group's tenant that a
-- filter group's filter matches (all of its given fields: mcc_mnc, the card's carrier or its KI
-- pool's; bank_id; tag, a tag of the card; pool_id, the KI pool of a virtual SIM; state, the
-- slot's status). Lower priority first.

DROP FUNCTION IF EXISTS ionmesh_card_groups(integer[], integer[]);
CREATE FUNCTION ionmesh_card_groups(p_bank integer[], p_slot integer[])
RETURNS TABLE (bank_id integer, slot_id integer, group_id integer, priority integer, plan_id integer)
LANGUAGE sql STABLE AS $$
  WITH given AS (SELECT DISTINCT u.b AS bank_id, u.s AS slot_id FROM unnest(p_bank, p_slot) AS u(b, s)),
  card AS (
    SELECT g.bank_id, g.slot_id, b.tenant_id, COALESCE(s.mcc_mnc, kp.mcc_mnc) AS mcc_mnc, s.status, v.pool_id
      FROM given g
      JOIN inventory_banks b ON b.bank_id = g.bank_id
      LEFT JOIN inventory_slots s ON s.bank_id = g.bank_id AND s.slot_id = g.slot_id
      LEFT JOIN kiproxy_virtual_slots v ON v.bank_id = g.bank_id AND v.slot_nr = g.slot_id
      LEFT JOIN kiproxy_pools kp ON kp.id = v.pool_id),
  groups AS (SELECT * FROM sim_groups WHERE tenant_id IN (SELECT DISTINCT tenant_id FROM card))
  SELECT c.bank_id, c.slot_id, sg.id, sg.priority, sg.plan_id
    FROM card c
    JOIN groups sg ON sg.tenant_id = c.tenant_id AND sg.kind = 'explicit'
    JOIN group_members m ON m.group_id = sg.id AND m.bank_id = c.bank_id AND m.slot_id = c.slot_id
  UNION ALL
  SELECT c.bank_id, c.slot_id, sg.id, sg.priority, sg.plan_id
    FROM card c
    JOIN groups sg ON sg.tenant_id = c.tenant_id AND sg.kind = 'filter'
   WHERE (sg.filter ->> 'mcc_mnc' IS NULL OR sg.filter ->> 'mcc_mnc' = c.mcc_mnc)
     AND (sg.filter ->> 'bank_id' IS NULL OR (sg.filter ->> 'bank_id')::int = c.bank_id)
     AND (sg.filter ->> 'pool_id' IS NULL OR (sg.filter ->> 'pool_id')::int = c.pool_id)
     AND (sg.filter ->> 'state' IS NULL OR sg.filter ->> 'state' = c.status)
     AND (sg.filter ->> 'tag' IS NULL OR EXISTS (
           SELECT 1 FROM card_tags t WHERE t.bank_id = c.bank_id AND t.slot_id = c.slot_id AND t.tag = sg.filter ->> 'tag'))
$$;

-- Every card of a tenant that a filter matches (a bulk job's ad-hoc filter): the same rule as a
-- filter group's above, over all the tenant's cards (test/bulk-jobs.test.ts proves they agree).
DROP FUNCTION IF EXISTS ionmesh_filter_cards(integer, jsonb);
CREATE FUNCTION ionmesh_filter_cards(p_tenant integer, p_filter jsonb)
RETURNS TABLE (bank_id integer, slot_id integer)
LANGUAGE sql STABLE AS $$
  WITH given AS (
    SELECT s.bank_id, s.slot_id FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
     WHERE b.tenant_id = p_tenant
    UNION
    SELECT v.bank_id, v.slot_nr FROM kiproxy_virtual_slots v JOIN kiproxy_pools kp ON kp.id = v.pool_id
     WHERE kp.tenant_id = p_tenant),
  card AS (
    SELECT g.bank_id, g.slot_id, COALESCE(s.mcc_mnc, kp.mcc_mnc) AS mcc_mnc, s.status, v.pool_id
      FROM given g
      JOIN inventory_banks b ON b.bank_id = g.bank_id
      LEFT JOIN inventory_slots s ON s.bank_id = g.bank_id AND s.slot_id = g.slot_id
      LEFT JOIN kiproxy_virtual_slots v ON v.bank_id = g.bank_id AND v.slot_nr = g.slot_id
      LEFT JOIN kiproxy_pools kp ON kp.id = v.pool_id)
  SELECT c.bank_id, c.slot_id
    FROM card c
   WHERE (p_filter ->> 'mcc_mnc' IS NULL OR p_filter ->> 'mcc_mnc' = c.mcc_mnc)
     AND (p_filter ->> 'bank_id' IS NULL OR (p_filter ->> 'bank_id')::int = c.bank_id)
     AND (p_filter ->> 'pool_id' IS NULL OR (p_filter ->> 'pool_id')::int = c.pool_id)
     AND (p_filter ->> 'state' IS NULL OR p_filter ->> 'state' = c.status)
     AND (p_filter ->> 'tag' IS NULL OR EXISTS (
           SELECT 1 FROM card_tags t WHERE t.bank_id = c.bank_id AND t.slot_id = c.slot_id AND t.tag = p_filter ->> 'tag'))
   ORDER BY c.bank_id, c.slot_id
$$;
