-- A card's plan, in one resolution order (after the views and functions it reads: 80-, 82-, 89-).

-- The plan of each card (bank slot, or KI virtual slot) given, in the one resolution order:
-- the card's own plan, else the plan of its first group that has one (lower priority first,
-- ionmesh_card_groups), else its carrier's default plan in the card's tenant (the carrier of a
-- physical card is its MCC+MNC, that of a virtual SIM its pool's). plan_source: card, group,
-- carrier, or null (no plan: the cycle is the calendar month).
DROP FUNCTION IF EXISTS ionmesh_card_plans(integer[], integer[]);
CREATE FUNCTION ionmesh_card_plans(p_bank integer[], p_slot integer[])
RETURNS TABLE (bank_id integer, slot_id integer, tenant_id integer, mcc_mnc text, plan_id integer, plan_source text,
               cycle_day integer)
LANGUAGE sql STABLE AS $$
  WITH given AS (SELECT DISTINCT u.b AS bank_id, u.s AS slot_id FROM unnest(p_bank, p_slot) AS u(b, s)),
  card AS (
    SELECT g.bank_id, g.slot_id, b.tenant_id, cp.plan_id AS own_plan, COALESCE(s.mcc_mnc, kp.mcc_mnc) AS mcc_mnc
      FROM given g
      LEFT JOIN inventory_banks b ON b.bank_id = g.bank_id
      LEFT JOIN card_plans cp ON cp.bank_id = g.bank_id AND cp.slot_id = g.slot_id
      LEFT JOIN inventory_slots s ON s.bank_id = g.bank_id AND s.slot_id = g.slot_id
      LEFT JOIN kiproxy_virtual_slots v ON v.bank_id = g.bank_id AND v.slot_nr = g.slot_id
      LEFT JOIN kiproxy_pools kp ON kp.id = v.pool_id),
  grp AS (
    SELECT DISTINCT ON (g.bank_id, g.slot_id) g.bank_id, g.slot_id, g.plan_id
      FROM ionmesh_card_groups(p_bank, p_slot) g WHERE g.plan_id IS NOT NULL
     ORDER BY g.bank_id, g.slot_id, g.priority, g.group_id)
  SELECT c.bank_id, c.slot_id, c.tenant_id, c.mcc_mnc, p.id,
         CASE WHEN c.own_plan IS NOT NULL THEN 'card' WHEN gp.plan_id IS NOT NULL THEN 'group'
              WHEN p.id IS NOT NULL THEN 'carrier' END,
         COALESCE(p.cycle_day, 1)::integer
    FROM card c
    LEFT JOIN grp gp ON gp.bank_id = c.bank_id AND gp.slot_id = c.slot_id
    -- Joins, not a subquery per card: the report prices 100,000 cards at once.
    LEFT JOIN sim_plans d ON d.carrier_default AND d.tenant_id = c.tenant_id AND d.mcc_mnc = c.mcc_mnc
    LEFT JOIN sim_plans p ON p.id = COALESCE(c.own_plan, gp.plan_id, d.id)
$$;

-- Where each card given stands now (the rotation reads it to move clients off cards near their
-- allowance or their end of validity, and to pick the least used card to move to; the rules
-- engine's usage and cost measures): the bytes of its current cycle, its plan's allowance (null:
-- none), its cost so far this cycle on its plan (null: no plan) and its last valid day.
DROP FUNCTION IF EXISTS ionmesh_card_standing(integer[], integer[]);
CREATE FUNCTION ionmesh_card_standing(p_bank integer[], p_slot integer[])
RETURNS TABLE (bank_id integer, slot_id integer, used_bytes double precision, allowance_bytes double precision,
               valid_until date, cost double precision)
LANGUAGE sql STABLE AS $$
  WITH st AS (
    SELECT pl.bank_id, pl.slot_id, pl.plan_id,
           (SELECT ionmesh_usage_add(c.rx_bytes, c.tx_bytes) FROM card_usage_cycles c
             WHERE c.bank_id = pl.bank_id AND c.slot_id = pl.slot_id
               AND c.cycle_start <= current_date AND c.cycle_end > current_date
             ORDER BY c.cycle_start DESC LIMIT 1) AS used
      FROM ionmesh_card_plans(p_bank, p_slot) pl)
  SELECT st.bank_id, st.slot_id, COALESCE(st.used, 0)::float8, p.allowance_bytes::float8, cp.valid_until,
         CASE WHEN p.id IS NULL THEN NULL
              ELSE ionmesh_usage_cost(COALESCE(st.used, 0), p.allowance_bytes, p.cost_per_mb, p.overage_cost_per_mb,
                                      p.monthly_fee)::float8 END
    FROM st
    LEFT JOIN sim_plans p ON p.id = st.plan_id
    LEFT JOIN card_plans cp ON cp.bank_id = st.bank_id AND cp.slot_id = st.slot_id
$$;
