-- Heartbeats check their source in the same statement (docs/security.md): a keyless caller must
-- come from a source its tenant allows and, when the tenant binds sources, from the address the
-- client registered from. Refused rows are answered (refused = true) and left unchanged.

-- Secrets of this installation, shared by every IonMesh process (the client-token key).
CREATE TABLE IF NOT EXISTS installation_secrets (name text PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ionmesh_ip_in(p_ip text, p_cidrs text[]) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_ip IS NULL OR p_cidrs IS NULL OR cardinality(p_cidrs) = 0 THEN RETURN false; END IF;
  RETURN p_ip::inet <<= ANY (p_cidrs::cidr[]);
EXCEPTION WHEN others THEN
  RETURN false;
END;
$$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS ionmesh_heartbeats(text[], integer[], text[], jsonb[], jsonb[], text[]);
--> statement-breakpoint
CREATE FUNCTION ionmesh_heartbeats(
  p_client text[], p_tenant integer[], p_health text[], p_stats jsonb[], p_hw jsonb[], p_ip text[], p_trusted boolean[])
RETURNS TABLE (ord integer, profile_id uuid, tenant_id integer, refused boolean)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH input AS (
    SELECT u.ord::integer AS ord, u.client_id, u.tenant_id, u.health, u.stats, u.hw, u.ip, u.trusted
    FROM unnest(p_client, p_tenant, p_health, p_stats, p_hw, p_ip, p_trusted)
         WITH ORDINALITY AS u(client_id, tenant_id, health, stats, hw, ip, trusted, ord)),
  target AS (
    SELECT p.profile_id, p.tenant_id, p.client_id, p.bank_id, p.slot_id,
           p.liveness AS old_liveness, p.health_status AS old_health,
           i.ord, i.health, i.stats, i.hw, i.ip,
           -- A keyless caller (no client key, no token) must come from a source the tenant allows
           -- and, when the tenant binds sources, from the address the client registered from.
           (NOT coalesce(i.trusted, false) AND (
              tn.enrollment_mode = 'key'
              OR (tn.enrollment_mode = 'cidr' AND NOT coalesce(ionmesh_ip_in(i.ip, tn.enrollment_cidrs), false))
              OR (tn.bind_client_source AND p.client_ip_address IS NOT NULL AND i.ip IS NOT NULL
                  AND p.client_ip_address <> i.ip))) AS refused
    FROM input i
    JOIN service_profiles p
      ON p.client_id = i.client_id AND p.status = 'ACTIVE'
     AND (i.tenant_id IS NULL OR p.tenant_id = i.tenant_id)
    JOIN tenants tn ON tn.id = p.tenant_id
    FOR UPDATE OF p),
  accepted AS (SELECT * FROM target WHERE NOT refused),
  updated AS (
    UPDATE service_profiles p SET
      last_heartbeat = now(),
      liveness = 'online',
      liveness_changed_at = CASE WHEN t.old_liveness <> 'online' THEN now() ELSE p.liveness_changed_at END,
      health_status = t.health,
      client_stats = COALESCE(t.stats, p.client_stats),
      client_hardware_info = COALESCE(t.hw, p.client_hardware_info),
      client_ip_address = COALESCE(t.ip, p.client_ip_address)
    FROM accepted t WHERE p.profile_id = t.profile_id
    RETURNING p.profile_id),
  logged AS (
    INSERT INTO health_log (tenant_id, profile_id, client_id, bank_id, slot_id, kind, old_status, new_status, reason)
    SELECT t.tenant_id, t.profile_id, t.client_id, t.bank_id, t.slot_id, 'client_liveness', t.old_liveness, 'online', 'heartbeat'
      FROM accepted t WHERE t.old_liveness <> 'online'
    UNION ALL
    SELECT t.tenant_id, t.profile_id, t.client_id, t.bank_id, t.slot_id, 'client_health', t.old_health, t.health, 'heartbeat'
      FROM accepted t WHERE t.old_health IS DISTINCT FROM t.health
    RETURNING 1),
  evented AS (
    INSERT INTO events (type, tenant_id, data)
    SELECT 'client.online', t.tenant_id,
           jsonb_build_object('profile_id', t.profile_id, 'client_id', t.client_id, 'previous', t.old_liveness, 'reason', 'heartbeat')
      FROM accepted t WHERE t.old_liveness <> 'online'
    UNION ALL
    SELECT 'client.health_changed', t.tenant_id,
           jsonb_build_object('profile_id', t.profile_id, 'client_id', t.client_id, 'previous', t.old_health, 'health', t.health)
      FROM accepted t WHERE t.old_health IS DISTINCT FROM t.health
    RETURNING 1),
  sampled AS (
    INSERT INTO client_stats_raw (tenant_id, client_id, rssi, rsrp, rsrq, sinr, tpdu_count, tpdu_errors, tx_bytes, rx_bytes)
    SELECT t.tenant_id, t.client_id,
           ionmesh_stat(t.stats, 'rssi', -200, 100), ionmesh_stat(t.stats, 'rsrp', -200, 100),
           ionmesh_stat(t.stats, 'rsrq', -100, 100), ionmesh_stat(t.stats, 'sinr', -100, 100),
           ionmesh_counter(t.stats, 'tpdu_count'), ionmesh_counter(t.stats, 'tpdu_errors'),
           ionmesh_counter(t.stats, 'data_tx_bytes'), ionmesh_counter(t.stats, 'data_rx_bytes')
      FROM accepted t WHERE jsonb_typeof(t.stats) = 'object'
    RETURNING 1)
  SELECT t.ord, t.profile_id, t.tenant_id, t.refused FROM target t;
END;
$$;
