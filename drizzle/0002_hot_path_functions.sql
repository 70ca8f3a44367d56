-- The two hot paths as PL/pgSQL functions, so their plans are prepared once per connection
-- instead of at every call: on embedded PGlite, planning these statements cost ten times their
-- execution (docs/decisions/0002-hot-paths-in-plpgsql.md). Same functions on PostgreSQL.

-- Registers a client: its existing assignment, or a newly allocated slot with its RSPRO identity.
-- Returns one row; source = existing | new | no_tenant | no_slot. One statement, so it is atomic
-- without an explicit transaction (the advisory lock lasts until the statement ends).
CREATE OR REPLACE FUNCTION ionmesh_register(
  p_tenant integer, p_client text, p_mode text, p_mcc text, p_preferred integer,
  p_hw jsonb, p_ip text, p_actor text, p_request text)
RETURNS TABLE (source text, profile_id uuid, tenant_id integer, client_id text, mapping_mode text,
               bank_id integer, slot_id integer, rspro_client_id integer, rspro_slot_nr integer,
               iccid text, imsi text, bankd_endpoint text)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
-- Registration must answer well within the deployed client's 10 s: bounded lock waits.
SET lock_timeout = '3s'
AS $$
#variable_conflict use_column
DECLARE
  v_bank integer;
  v_slot integer;
  v_iccid text;
  v_imsi text;
  v_endpoint text;
  v_cid integer;
  v_snr integer;
  v_profile uuid;
  v_bank_row record;
BEGIN
  -- The tenant must exist; registrations of one client are serialised across processes.
  PERFORM pg_advisory_xact_lock(t.id, hashtext(p_client)) FROM tenants t WHERE t.id = p_tenant;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'no_tenant'::text, NULL::uuid, p_tenant, p_client, p_mode, NULL::int, NULL::int,
                        NULL::int, NULL::int, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;

  -- A client that reboots gets its assignment back.
  RETURN QUERY
    SELECT 'existing'::text, p.profile_id, p.tenant_id, p.client_id, p.mapping_mode, p.bank_id, p.slot_id,
           p.rspro_client_id, p.rspro_slot_nr, s.iccid, s.imsi, bi.endpoint
    FROM service_profiles p
    JOIN slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id
    JOIN sim_banks b ON b.bank_id = p.bank_id
    LEFT JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
    WHERE p.client_id = p_client AND p.tenant_id = p_tenant AND p.status = 'ACTIVE';
  IF FOUND THEN RETURN; END IF;

  -- One available slot of the tenant, locked; slots locked by a concurrent registration are
  -- skipped, so parallel registrations never wait on each other. Banks are walked in order (the
  -- preferred one first) and each is probed through its partial index of available slots, so
  -- the cost does not grow with the number of free slots.
  FOR v_bank_row IN
    SELECT b.bank_id, bi.endpoint
    FROM sim_banks b
    JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
    WHERE b.tenant_id = p_tenant AND b.status = 'active' AND bi.status = 'active'
    ORDER BY (b.bank_id = p_preferred) DESC NULLS LAST, b.bank_id
  LOOP
    IF p_mcc IS NULL THEN
      SELECT s.slot_id, s.iccid, s.imsi INTO v_slot, v_iccid, v_imsi
      FROM slots s
      WHERE s.bank_id = v_bank_row.bank_id AND s.status = 'available' AND s.card_type = 'REGULAR'
      ORDER BY s.slot_id
      LIMIT 1
      FOR UPDATE SKIP LOCKED;
    ELSE
      SELECT s.slot_id, s.iccid, s.imsi INTO v_slot, v_iccid, v_imsi
      FROM slots s
      WHERE s.mcc_mnc = p_mcc AND s.bank_id = v_bank_row.bank_id AND s.status = 'available'
        AND s.card_type = 'REGULAR'
      ORDER BY s.slot_id
      LIMIT 1
      FOR UPDATE SKIP LOCKED;
    END IF;
    IF FOUND THEN
      v_bank := v_bank_row.bank_id;
      v_endpoint := v_bank_row.endpoint;
      EXIT;
    END IF;
  END LOOP;
  IF v_bank IS NULL THEN
    RETURN QUERY SELECT 'no_slot'::text, NULL::uuid, p_tenant, p_client, p_mode, NULL::int, NULL::int,
                        NULL::int, NULL::int, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;

  -- The RSPRO identity: the physical position when both parts are usable (1..1023) and free;
  -- else a slot number of the same bank that no physical slot occupies (it can never collide
  -- with a card's own position); else a client id that is no bank's id. A race on a spare
  -- identity ends in a unique violation, which the caller retries.
  IF v_slot >= 1 AND NOT EXISTS (
      SELECT 1 FROM service_profiles q
      WHERE q.status = 'ACTIVE' AND q.rspro_client_id = v_bank AND q.rspro_slot_nr = v_slot) THEN
    v_cid := v_bank;
    v_snr := v_slot;
  ELSE
    SELECT v_bank, n INTO v_cid, v_snr
    FROM generate_series(1023, 1, -1) AS n
    WHERE NOT EXISTS (SELECT 1 FROM slots o WHERE o.bank_id = v_bank AND o.slot_id = n)
      AND NOT EXISTS (SELECT 1 FROM service_profiles q
                      WHERE q.status = 'ACTIVE' AND q.rspro_client_id = v_bank AND q.rspro_slot_nr = n)
    LIMIT 1;
    IF v_cid IS NULL THEN
      SELECT c, n INTO v_cid, v_snr
      FROM generate_series(1023, 1, -1) AS c CROSS JOIN generate_series(1023, 1, -1) AS n
      WHERE NOT EXISTS (SELECT 1 FROM sim_banks o WHERE o.bank_id = c)
        AND NOT EXISTS (SELECT 1 FROM service_profiles q
                        WHERE q.status = 'ACTIVE' AND q.rspro_client_id = c AND q.rspro_slot_nr = n)
      LIMIT 1;
    END IF;
    IF v_cid IS NULL THEN
      RETURN QUERY SELECT 'no_slot'::text, NULL::uuid, p_tenant, p_client, p_mode, NULL::int, NULL::int,
                          NULL::int, NULL::int, NULL::text, NULL::text, NULL::text;
      RETURN;
    END IF;
  END IF;

  INSERT INTO service_profiles AS sp
    (tenant_id, client_id, mapping_mode, bank_id, slot_id, rspro_client_id, rspro_slot_nr,
     client_hardware_info, client_ip_address)
  VALUES (p_tenant, p_client, p_mode, v_bank, v_slot, v_cid, v_snr, p_hw, p_ip)
  RETURNING sp.profile_id INTO v_profile;

  UPDATE slots SET status = 'assigned', updated_at = now()
  WHERE slots.bank_id = v_bank AND slots.slot_id = v_slot;

  INSERT INTO health_log (tenant_id, bank_id, slot_id, kind, old_status, new_status, reason)
  VALUES (p_tenant, v_bank, v_slot, 'slot_status', 'available', 'assigned', 'assigned to ' || p_client);

  INSERT INTO audit_log (tenant_id, actor, action, entity_type, entity_id, after, source_ip, request_id)
  VALUES (p_tenant, p_actor, 'client.register', 'service_profile', v_profile::text,
          jsonb_build_object('profile_id', v_profile, 'tenant_id', p_tenant, 'client_id', p_client,
                             'mapping_mode', p_mode, 'bank_id', v_bank, 'slot_id', v_slot,
                             'rspro_client_id', v_cid, 'rspro_slot_nr', v_snr, 'iccid', v_iccid,
                             'imsi', v_imsi, 'bankd_endpoint', v_endpoint),
          p_ip, p_request);

  RETURN QUERY SELECT 'new'::text, v_profile, p_tenant, p_client, p_mode, v_bank, v_slot, v_cid, v_snr,
                      v_iccid, v_imsi, v_endpoint;
END;
$$;
--> statement-breakpoint

-- Applies a batch of heartbeats (arrays of equal length, one element per heartbeat, distinct
-- client/tenant pairs): each client's active profiles go online with their stats; liveness and
-- health changes are logged. Returns, per input position (1-based), the profiles touched.
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
    RETURNING 1)
  SELECT t.ord, t.profile_id FROM target t;
END;
$$;
