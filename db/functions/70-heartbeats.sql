-- A batch of heartbeats in one statement (decision 0002; source checks: docs/security.md;
-- modem_info merged key by key, modem identity changes kept as history; IMEI bindings: a card or
-- client bound to an IMEI that another modem reports is an event, card.imei_changed, once per new
-- IMEI, and with an enforcing binding the heartbeat is refused (imei_locked): the usage module
-- then takes the card out of service).

-- commands_waiting: whether the commands module's queue (its view commands_queue) holds a pending
-- command for the profile, so that the statement handing commands over runs only for those
-- (decision 0012: it was a second statement for every batch).
-- Whether any card or client is bound to an IMEI (most fleets: none, and the lookups are skipped).
CREATE OR REPLACE FUNCTION ionmesh_imei_bindings_exist() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT EXISTS (SELECT 1 FROM imei_bindings) $$;

DROP FUNCTION IF EXISTS ionmesh_heartbeats(text[], integer[], text[], jsonb[], jsonb[], text[], boolean[]);
CREATE FUNCTION ionmesh_heartbeats(
  p_client text[], p_tenant integer[], p_health text[], p_stats jsonb[], p_hw jsonb[], p_ip text[], p_trusted boolean[])
RETURNS TABLE (ord integer, profile_id uuid, tenant_id integer, refused boolean, commands_waiting boolean,
               imei_locked boolean, bank_id integer, slot_id integer, imei text, bound_imei text)
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
           p.liveness AS old_liveness, p.health_status AS old_health, p.client_hardware_info AS old_hw,
           i.ord, i.health, i.stats, i.hw, i.ip,
           -- A keyless caller (no client key, no token) must come from a source the tenant allows
           -- and, when the tenant binds sources, from the address the client registered from.
           (NOT coalesce(i.trusted, false) AND ionmesh_source_refusal(tn.enrollment_mode, tn.enrollment_cidrs,
              tn.bind_client_source, p.client_ip_address, i.ip) IS NOT NULL) AS refused,
           i.hw ->> 'imei' AS seen_imei, COALESCE(bc.id, bk.id) AS binding_id, COALESCE(bc.imei, bk.imei) AS bound_imei,
           COALESCE(bc.enforcing, bk.enforcing) AS enforcing,
           CASE WHEN bc.id IS NOT NULL THEN bc.last_mismatch ELSE bk.last_mismatch END AS last_mismatch,
           (COALESCE(bc.enforcing, bk.enforcing, false) AND i.hw ->> 'imei' IS DISTINCT FROM COALESCE(bc.imei, bk.imei))
             AS imei_locked
    FROM input i
    JOIN service_profiles p
      ON p.client_id = i.client_id AND p.status = 'ACTIVE'
     AND (i.tenant_id IS NULL OR p.tenant_id = i.tenant_id)
    JOIN tenants tn ON tn.id = p.tenant_id
    -- The IMEI binding of the card (first) or of the client, looked up (one probe of each unique
    -- index) only when the modem names its IMEI and some binding exists at all.
    LEFT JOIN imei_bindings bc
      ON bc.bank_id = p.bank_id AND bc.slot_id = p.slot_id AND i.hw ? 'imei' AND (SELECT ionmesh_imei_bindings_exist())
    LEFT JOIN imei_bindings bk
      ON bk.tenant_id = p.tenant_id AND bk.client_id = p.client_id AND i.hw ? 'imei' AND (SELECT ionmesh_imei_bindings_exist())
    FOR UPDATE OF p),
  mismatched AS (
    UPDATE imei_bindings ib SET last_mismatch = j.seen_imei
    FROM target j WHERE ib.id = j.binding_id AND j.seen_imei IS DISTINCT FROM j.bound_imei
      AND j.seen_imei IS DISTINCT FROM j.last_mismatch
    RETURNING j.tenant_id, j.bank_id, j.slot_id, j.client_id, j.bound_imei, j.seen_imei, j.enforcing),
  imei_evented AS (
    INSERT INTO events (type, tenant_id, data)
    SELECT 'card.imei_changed', m.tenant_id,
           jsonb_build_object('bank_id', m.bank_id, 'slot_id', m.slot_id, 'client_id', m.client_id,
                              'bound_imei', m.bound_imei, 'imei', m.seen_imei, 'enforcing', m.enforcing)
      FROM mismatched m
    RETURNING 1),
  accepted AS (SELECT * FROM target WHERE NOT refused AND NOT imei_locked),
  updated AS (
    UPDATE service_profiles p SET
      last_heartbeat = now(),
      liveness = 'online',
      liveness_changed_at = CASE WHEN t.old_liveness <> 'online' THEN now() ELSE p.liveness_changed_at END,
      health_status = t.health,
      client_stats = COALESCE(t.stats, p.client_stats),
      -- modem_info is merged key by key into what registration and earlier heartbeats told.
      client_hardware_info = CASE WHEN t.hw IS NULL THEN p.client_hardware_info
                                  WHEN jsonb_typeof(p.client_hardware_info) = 'object' AND jsonb_typeof(t.hw) = 'object'
                                    THEN p.client_hardware_info || t.hw
                                  ELSE t.hw END,
      client_ip_address = COALESCE(t.ip, p.client_ip_address)
    FROM accepted t WHERE p.profile_id = t.profile_id
    RETURNING p.profile_id),
  -- A modem's identity changed (a new IMEI: the modem was swapped; new firmware): kept as history.
  hw_changed AS (
    SELECT t.tenant_id, t.profile_id, t.client_id, t.bank_id, t.slot_id, k.key AS field,
           t.old_hw ->> k.key AS was, k.value #>> '{}' AS now
    FROM accepted t
    CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(t.hw) = 'object' THEN t.hw ELSE '{}'::jsonb END) AS k
    WHERE jsonb_typeof(t.old_hw) = 'object' AND t.old_hw ? k.key
      AND k.key IN ('vendor', 'manufacturer', 'model', 'firmware', 'imei')
      AND t.old_hw -> k.key IS DISTINCT FROM k.value),
  logged AS (
    INSERT INTO health_log (tenant_id, profile_id, client_id, bank_id, slot_id, kind, old_status, new_status, reason)
    SELECT t.tenant_id, t.profile_id, t.client_id, t.bank_id, t.slot_id, 'client_liveness', t.old_liveness, 'online', 'heartbeat'
      FROM accepted t WHERE t.old_liveness <> 'online'
    UNION ALL
    SELECT t.tenant_id, t.profile_id, t.client_id, t.bank_id, t.slot_id, 'client_health', t.old_health, t.health, 'heartbeat'
      FROM accepted t WHERE t.old_health IS DISTINCT FROM t.health
    UNION ALL
    SELECT c.tenant_id, c.profile_id, c.client_id, c.bank_id, c.slot_id, 'client_hardware', c.was, c.now, c.field
      FROM hw_changed c
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
    UNION ALL
    SELECT 'client.hardware_changed', c.tenant_id,
           jsonb_build_object('profile_id', c.profile_id, 'client_id', c.client_id, 'field', c.field, 'previous', c.was, 'value', c.now)
      FROM hw_changed c
    RETURNING 1),
  sampled AS (
    INSERT INTO client_stats_raw (tenant_id, client_id, rssi, rsrp, rsrq, sinr, tpdu_count, tpdu_errors, tx_bytes, rx_bytes,
                                  bank_id, slot_id, uptime_sec)
    SELECT t.tenant_id, t.client_id,
           ionmesh_stat(t.stats, 'rssi', -200, 100), ionmesh_stat(t.stats, 'rsrp', -200, 100),
           ionmesh_stat(t.stats, 'rsrq', -100, 100), ionmesh_stat(t.stats, 'sinr', -100, 100),
           ionmesh_counter(t.stats, 'tpdu_count'), ionmesh_counter(t.stats, 'tpdu_errors'),
           ionmesh_counter(t.stats, 'data_tx_bytes'), ionmesh_counter(t.stats, 'data_rx_bytes'),
           t.bank_id, t.slot_id, ionmesh_counter(t.stats, 'uptime_seconds')
      FROM accepted t WHERE jsonb_typeof(t.stats) = 'object'
    RETURNING 1)
  SELECT t.ord, t.profile_id, t.tenant_id, t.refused,
         NOT t.refused AND NOT t.imei_locked AND EXISTS (SELECT 1 FROM commands_queue c
                                    WHERE c.profile_id = t.profile_id AND c.status = 'pending' AND c.expires_at > now()),
         NOT t.refused AND t.imei_locked, t.bank_id, t.slot_id, t.seen_imei, t.bound_imei
    FROM target t;
END;
$$;
