-- ki_virtual_slots (one row per virtual slot, a partial index on the free ones) lets KI proxy
-- registration find the lowest free virtual slot without scanning the pool's profiles (drizzle/0014).
-- Pools that exist already get their rows here.

INSERT INTO ki_virtual_slots (pool_id, bank_id, slot_nr, ord, in_use)
SELECT g.pool_id, g.bank_id, n,
       (row_number() OVER (PARTITION BY g.pool_id ORDER BY g.id) - 1)::int * 1024 + n,
       EXISTS (SELECT 1 FROM service_profiles p WHERE p.status = 'ACTIVE' AND p.ki_pool_id = g.pool_id
                                                 AND p.bank_id = g.bank_id AND p.slot_id = n)
FROM ki_pool_segments g CROSS JOIN LATERAL generate_series(g.virtual_slot_start, g.virtual_slot_end) AS n
ON CONFLICT DO NOTHING;
