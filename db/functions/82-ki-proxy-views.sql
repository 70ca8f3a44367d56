-- What the KI proxy module publishes of its tables to other modules (decision 0010): pools with
-- their capacity (45-pool-rules.sql), and the virtual slots (the reconciler maps them).

CREATE OR REPLACE VIEW kiproxy_pools AS
  SELECT id, tenant_id, pool_name, carrier, mcc_mnc, bank_id, physical_slot_start, physical_slot_end, routing_mode,
         max_virtual_sims, current_virtual_sims, enabled, ionmesh_pool_capacity(id, max_virtual_sims) AS capacity
    FROM ki_proxy_pools;

CREATE OR REPLACE VIEW kiproxy_virtual_slots AS
  SELECT pool_id, bank_id, slot_nr, ord, in_use FROM ki_virtual_slots;

CREATE OR REPLACE VIEW kiproxy_segments AS
  SELECT id, pool_id, bank_id, virtual_slot_start, virtual_slot_end FROM ki_pool_segments;
