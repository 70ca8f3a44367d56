-- The events outbox: heartbeats that change a client's liveness or health write their events in
-- the same statement (otherwise as drizzle/0002), and every insert into events notifies
-- listeners (the live event stream of every IonMesh process, PostgreSQL LISTEN/NOTIFY).

CREATE OR REPLACE FUNCTION ionmesh_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ionmesh_events', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION ionmesh_events_notify();
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS events_created_idx ON events (created_at);
--> statement-breakpoint

CREATE OR REPLACE FUNCTION ionmesh_heartbeats(
  p_client text[], p_tenant integer[], p_health text[], p_stats jsonb[], p_hw jsonb[], p_ip text[])
RETURNS TABLE (ord integer, profile_id uuid)
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
    RETURNING 1)
  SELECT t.ord, t.profile_id FROM target t;
END;
$$;
