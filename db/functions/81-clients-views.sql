-- What the clients module publishes of its tables to other modules (decision 0010): the service
-- profiles (read; the reconciler, the inventory's imports, KI pools, stats read them) and the
-- health log, an append-only log that other modules add to inside their own statement (the
-- reconciler's RSPRO presence, a bank's slot status), as writers add to the event outbox.

CREATE OR REPLACE VIEW clients_profiles AS
  SELECT profile_id, tenant_id, client_id, mapping_mode, bank_id, slot_id, rspro_client_id, rspro_slot_nr, status,
         created_at, deactivated_at, last_heartbeat, liveness, liveness_changed_at, health_status,
         client_ip_address, rspro_connected, rspro_connected_since, ki_pool_id, virtual_iccid, virtual_imsi,
         policy_id, requested_mapping_mode, requested_mcc_mnc, config_mismatch,
         client_hardware_info ->> 'imei' AS modem_imei, card_since
    FROM service_profiles;

CREATE OR REPLACE VIEW clients_health_log AS
  SELECT id, tenant_id, profile_id, client_id, bank_id, slot_id, kind, old_status, new_status, reason, created_at
    FROM health_log;
