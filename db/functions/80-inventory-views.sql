-- What the inventory publishes of its tables to other modules (decision 0010). Other modules read
-- tenants, remsim-servers, bankd instances, banks and slots through these views, never the tables:
-- a column the inventory does not list here is its own to change. Plain views of one table each,
-- so the planner reads the table directly and a reader may lock rows through them (FOR UPDATE).
-- Writes go through the inventory's index.ts. A view changes like a function (CREATE OR REPLACE;
-- a column removed or renamed drops the view first, in this file).

CREATE OR REPLACE VIEW inventory_tenants AS
  SELECT id, name, enrollment_mode, enrollment_cidrs, bind_client_source, move_on_config_mismatch, created_at
    FROM tenants;

CREATE OR REPLACE VIEW inventory_remsim_servers AS
  SELECT id, name, url, enabled, simulated, reachable, last_error, last_pass_at, last_success_at, figures,
         conflicts, stalled, stalls_total, repairs_total, flushes_total, invalid
    FROM remsim_servers;

CREATE OR REPLACE VIEW inventory_bankds AS
  SELECT id, name, endpoint, status, remsim_server_id FROM bankd_instances;

CREATE OR REPLACE VIEW inventory_banks AS
  SELECT bank_id, name, tenant_id, bankd_instance_id, status, bankd_connected, bankd_connected_since, bankd_slots,
         bankd_missing_since, unknown_cards_present
    FROM sim_banks;

CREATE OR REPLACE VIEW inventory_slots AS
  SELECT bank_id, slot_id, iccid, imsi, carrier, mcc_mnc, card_type, reader_name, status, health_status,
         last_health_check, updated_at, ki_pool_name, ki_pool_priority, card_metadata, unserved_reason
    FROM slots;
