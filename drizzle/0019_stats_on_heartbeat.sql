-- Stats history: every heartbeat that carries stats also writes one raw sample
-- (client_stats_raw), in the same statement. Values that are not numbers, or out of range, are
-- stored as NULL: a router's odd stats never fail its heartbeat.

INSERT INTO stats_rollup_state (id) VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ionmesh_stat(p jsonb, k text, lo real, hi real) RETURNS real
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(p -> k) = 'number' AND (p ->> k)::numeric BETWEEN lo AND hi
              THEN (p ->> k)::real END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ionmesh_counter(p jsonb, k text) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(p -> k) = 'number' AND (p ->> k)::numeric BETWEEN 0 AND 9000000000000000000
              THEN trunc((p ->> k)::numeric)::bigint END
$$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS ionmesh_heartbeats(text[], integer[], text[], jsonb[], jsonb[], text[]);
--> statement-breakpoint
-- It also answers each profile's tenant now (the live heartbeat pulses are filtered by tenant).
CREATE FUNCTION ionmesh_heartbeats(
  p_client text[], p_tenant integer[], p_health text[], p_stats jsonb[], p_hw jsonb[], p_ip text[])
RETURNS TABLE (ord integer, profile_id uuid, tenant_id integer)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH input AS (
    SELECT u.ord::integer AS ord, u.client_id, u.tenant_id, u.health, u.stats, u.hw, u.ip
    FROM unnest(p_client, p_tenant, p_health, p_stats, p_hw, p_ip)
         WITH ORDINALITY AS u(client_id, tenant_id, health, stats, hw, ip, ord)),
  target AS (
    SELECT p.profile_id, p.tenant_id, p.client_id, p.bank_id, p.slot_id,
           p.liveness AS old_liveness, p.health_status AS old_health,
           i.ord, i.health, i.stats, i.hw, i.ip
    FROM input i
    JOIN service_profiles p
      ON p.client_id = i.client_id AND p.status = 'ACTIVE'
     AND (i.tenant_id IS NULL OR p.tenant_id = i.tenant_id)
    FOR UPDATE OF p),
  updated AS (
    UPDATE service_profiles p SET
      last_heartbeat = now(),
      liveness = 'online',
      liveness_changed_at = CASE WHEN t.old_liveness <> 'online' THEN now() ELSE p.liveness_changed_at END,
      health_status = t.health,
      client_stats = COALESCE(t.stats, p.client_stats),
      client_hardware_info = COALESCE(t.hw, p.client_hardware_info),
      client_ip_address = COALESCE(t.ip, p.client_ip_address)
    FROM target t WHERE p.profile_id = t.profile_id
    RETURNING p.profile_id),
  logged AS (
    INSERT INTO health_log (tenant_id, profile_id, client_id, bank_id, slot_id, kind, old_status, new_status, reason)
    SELECT t.tenant_id, t.profile_id, t.client_id, t.bank_id, t.slot_id, 'client_liveness', t.old_liveness, 'online', 'heartbeat'
      FROM target t WHERE t.old_liveness <> 'online'
    UNION ALL
    SELECT t.tenant_id, t.profile_id, t.client_id, t.bank_id, t.slot_id, 'client_health', t.old_health, t.health, 'heartbeat'
      FROM target t WHERE t.old_health IS DISTINCT FROM t.health
    RETURNING 1),
  evented AS (
    INSERT INTO events (type, tenant_id, data)
    SELECT 'client.online', t.tenant_id,
           jsonb_build_object('profile_id', t.profile_id, 'client_id', t.client_id, 'previous', t.old_liveness, 'reason', 'heartbeat')
      FROM target t WHERE t.old_liveness <> 'online'
    UNION ALL
    SELECT 'client.health_changed', t.tenant_id,
           jsonb_build_object('profile_id', t.profile_id, 'client_id', t.client_id, 'previous', t.old_health, 'health', t.health)
      FROM target t WHERE t.old_health IS DISTINCT FROM t.health
    RETURNING 1),
  sampled AS (
    INSERT INTO client_stats_raw (tenant_id, client_id, rssi, rsrp, rsrq, sinr, tpdu_count, tpdu_errors, tx_bytes, rx_bytes)
    SELECT t.tenant_id, t.client_id,
           ionmesh_stat(t.stats, 'rssi', -200, 100), ionmesh_stat(t.stats, 'rsrp', -200, 100),
           ionmesh_stat(t.stats, 'rsrq', -100, 100), ionmesh_stat(t.stats, 'sinr', -100, 100),
           ionmesh_counter(t.stats, 'tpdu_count'), ionmesh_counter(t.stats, 'tpdu_errors'),
           ionmesh_counter(t.stats, 'data_tx_bytes'), ionmesh_counter(t.stats, 'data_rx_bytes')
      FROM target t WHERE jsonb_typeof(t.stats) = 'object'
    RETURNING 1)
  SELECT t.ord, t.profile_id, t.tenant_id FROM target t;
END;
$$;
