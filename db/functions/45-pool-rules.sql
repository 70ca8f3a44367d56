-- The rules of a KI proxy pool's size, one definition each, read by every caller: registration
-- (60-register.sql), the pool API, the bankd launch lines, metrics and the fleet overview.

-- A pool's capacity: the virtual SIMs it can hand out, min(max_virtual_sims, the virtual slots of
-- its segments). Inlined by the planner (a plain SQL function).
CREATE OR REPLACE FUNCTION ionmesh_pool_capacity(p_pool integer, p_max integer) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT LEAST(p_max, COALESCE((SELECT sum(g.virtual_slot_end - g.virtual_slot_start + 1)
                                FROM ki_pool_segments g WHERE g.pool_id = p_pool), 0))::integer
$$;

-- The shares of capacity, in percent, at which a pool warns (pool.capacity_warning, the overview's
-- pool_near_capacity, the console's meters): warning, then critical. TypeScript's POOL_WARNING and
-- POOL_CRITICAL (src/domain/fleet-alerts.ts) are tested to agree (test/shared-rules.test.ts); the
-- console reads them from GET /fleet/overview.
CREATE OR REPLACE FUNCTION ionmesh_pool_warning_percents() RETURNS integer[]
LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY[80, 95] $$;
