-- The whole registration in one statement (decision 0002).

CREATE OR REPLACE FUNCTION ionmesh_register(
  p_tenant integer, p_client text, p_mode text, p_mcc text, p_preferred integer[],
  p_hw jsonb, p_ip text, p_actor text, p_request text, p_carrier text, p_balance text, p_policy integer)
RETURNS TABLE (source text, profile_id uuid, tenant_id integer, client_id text, mapping_mode text,
               bank_id integer, slot_id integer, rspro_client_id integer, rspro_slot_nr integer,
               iccid text, imsi text, bankd_endpoint text,
               ki_pool_id integer, pool_name text, pool_carrier text, pool_mcc_mnc text)
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
  v_pool record;
  v_pool_id integer;
  v_pool_name text;
  v_pool_carrier text;
  v_pool_mcc text;
  v_current integer;
  v_capacity integer;
  v_matched integer := 0;
  v_last_bank integer;
BEGIN
  -- The tenant must exist; registrations of one client are serialised across processes.
  PERFORM pg_advisory_xact_lock(t.id, hashtext(p_client)) FROM tenants t WHERE t.id = p_tenant;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'no_tenant'::text, NULL::uuid, p_tenant, p_client, p_mode, NULL::int, NULL::int,
                        NULL::int, NULL::int, NULL::text, NULL::text, NULL::text, NULL::int, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;

  -- A client that reboots gets its assignment back, whatever mode it asks for now.
  RETURN QUERY
    SELECT 'existing'::text, p.profile_id, p.tenant_id, p.client_id, p.mapping_mode, p.bank_id, p.slot_id,
           p.rspro_client_id, p.rspro_slot_nr, COALESCE(p.virtual_iccid, s.iccid), COALESCE(p.virtual_imsi, s.imsi),
           bi.endpoint, p.ki_pool_id, kp.pool_name, kp.carrier, kp.mcc_mnc
    FROM service_profiles p
    LEFT JOIN slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id
    JOIN sim_banks b ON b.bank_id = p.bank_id
    LEFT JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
    LEFT JOIN ki_proxy_pools kp ON kp.id = p.ki_pool_id
    WHERE p.client_id = p_client AND p.tenant_id = p_tenant AND p.status = 'ACTIVE';
  IF FOUND THEN RETURN; END IF;

  -- A deny policy refuses new assignments only: a client that has one keeps getting it back.
  IF p_balance = 'deny' THEN
    RETURN QUERY SELECT 'denied'::text, NULL::uuid, p_tenant, p_client, p_mode, NULL::int, NULL::int,
                        NULL::int, NULL::int, NULL::text, NULL::text, NULL::text, NULL::int, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;

  IF p_mode = 'KI_PROXY_SWSIM' THEN
    -- The tenant's enabled pools for the carrier, least utilised first; each is locked before
    -- its count is trusted, so a pool never exceeds its capacity.
    FOR v_pool IN
      SELECT kp.id, kp.pool_name, kp.carrier, kp.mcc_mnc
      FROM ki_proxy_pools kp
      WHERE kp.tenant_id = p_tenant AND kp.enabled AND kp.mcc_mnc = p_mcc
        AND (p_carrier IS NULL OR lower(kp.carrier) = lower(p_carrier))
      ORDER BY kp.current_virtual_sims::float8 / GREATEST(1, ionmesh_pool_capacity(kp.id, kp.max_virtual_sims)), kp.id
    LOOP
      v_matched := v_matched + 1;
      SELECT kp.current_virtual_sims, ionmesh_pool_capacity(kp.id, kp.max_virtual_sims)
        INTO v_current, v_capacity
      FROM ki_proxy_pools kp WHERE kp.id = v_pool.id AND kp.enabled
      FOR UPDATE;
      CONTINUE WHEN NOT FOUND OR v_current >= v_capacity;
      -- The lowest free virtual slot, segment by segment (released slots are reused).
      -- Through the partial index of free virtual slots: no scan of the pool's profiles.
      SELECT v.bank_id, v.slot_nr, bi.endpoint INTO v_bank, v_slot, v_endpoint
      FROM ki_virtual_slots v
      JOIN sim_banks b ON b.bank_id = v.bank_id AND b.status = 'active'
      JOIN bankd_instances bi ON bi.id = b.bankd_instance_id AND bi.status = 'active'
      WHERE v.pool_id = v_pool.id AND NOT v.in_use
      ORDER BY v.ord
      LIMIT 1;
      IF FOUND THEN
        v_pool_id := v_pool.id;
        v_pool_name := v_pool.pool_name;
        v_pool_carrier := v_pool.carrier;
        v_pool_mcc := v_pool.mcc_mnc;
        EXIT;
      END IF;
    END LOOP;
    IF v_pool_id IS NULL THEN
      RETURN QUERY SELECT CASE WHEN v_matched = 0 THEN 'no_pool' ELSE 'pool_full' END::text, NULL::uuid, p_tenant,
                          p_client, p_mode, NULL::int, NULL::int, NULL::int, NULL::int, NULL::text, NULL::text,
                          NULL::text, NULL::int, NULL::text, NULL::text, NULL::text;
      RETURN;
    END IF;
    v_iccid := ionmesh_virtual_iccid(p_tenant, v_bank, v_slot);
    v_imsi := ionmesh_virtual_imsi(v_pool_mcc, v_bank, v_slot);
  ELSE
    -- One available slot of the tenant, locked; slots locked by a concurrent registration are
    -- skipped, so parallel registrations never wait on each other. Banks are walked in order (the
    -- preferred one first) and each is probed through its partial index of available slots.
    -- Bank order: preferred banks first (the request's, then the policy's), then by the load
    -- balancing mode: fill-first (lowest bank), least-loaded (most free slots), round-robin (the
    -- bank after the one of the tenant's latest assignment).
    IF p_balance = 'round-robin' THEN
      SELECT q.bank_id INTO v_last_bank FROM service_profiles q
      WHERE q.tenant_id = p_tenant AND q.ki_pool_id IS NULL ORDER BY q.created_at DESC LIMIT 1;
    END IF;
    FOR v_bank_row IN
      SELECT b.bank_id, bi.endpoint
      FROM sim_banks b
      JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
      WHERE b.tenant_id = p_tenant AND b.status = 'active' AND bi.status = 'active'
      ORDER BY COALESCE(array_position(p_preferred, b.bank_id), 2147483647),
               CASE WHEN p_balance = 'least-loaded'
                    THEN -(SELECT count(*) FROM slots f WHERE f.bank_id = b.bank_id AND f.status = 'available')
                    ELSE 0 END,
               CASE WHEN p_balance = 'round-robin' THEN (b.bank_id <= COALESCE(v_last_bank, 0))::int ELSE 0 END,
               b.bank_id
    LOOP
      IF p_mcc IS NULL AND p_carrier IS NOT NULL THEN
        -- A carrier name without MCC/MNC is a hint: a card of that carrier if the bank has one.
        SELECT s.slot_id, s.iccid, s.imsi INTO v_slot, v_iccid, v_imsi
        FROM slots s
        WHERE s.bank_id = v_bank_row.bank_id AND s.status = 'available' AND s.card_type = 'REGULAR'
          AND lower(s.carrier) = lower(p_carrier)
        ORDER BY s.slot_id
        LIMIT 1
        FOR UPDATE SKIP LOCKED;
        IF FOUND THEN
          v_bank := v_bank_row.bank_id;
          v_endpoint := v_bank_row.endpoint;
          EXIT;
        END IF;
        CONTINUE;
      ELSIF p_mcc IS NULL THEN
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
    IF v_bank IS NULL AND p_mcc IS NULL AND p_carrier IS NOT NULL THEN
      -- No card of the hinted carrier: any card, in the same bank order.
      FOR v_bank_row IN
        SELECT b.bank_id, bi.endpoint
        FROM sim_banks b
        JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
        WHERE b.tenant_id = p_tenant AND b.status = 'active' AND bi.status = 'active'
        ORDER BY COALESCE(array_position(p_preferred, b.bank_id), 2147483647), b.bank_id
      LOOP
        SELECT s.slot_id, s.iccid, s.imsi INTO v_slot, v_iccid, v_imsi
        FROM slots s
        WHERE s.bank_id = v_bank_row.bank_id AND s.status = 'available' AND s.card_type = 'REGULAR'
        ORDER BY s.slot_id
        LIMIT 1
        FOR UPDATE SKIP LOCKED;
        IF FOUND THEN
          v_bank := v_bank_row.bank_id;
          v_endpoint := v_bank_row.endpoint;
          EXIT;
        END IF;
      END LOOP;
    END IF;
    IF v_bank IS NULL THEN
      RETURN QUERY SELECT 'no_slot'::text, NULL::uuid, p_tenant, p_client, p_mode, NULL::int, NULL::int,
                          NULL::int, NULL::int, NULL::text, NULL::text, NULL::text, NULL::int, NULL::text, NULL::text, NULL::text;
      RETURN;
    END IF;
  END IF;

  -- A race on a spare identity ends in a unique violation, which the caller retries.
  SELECT i.client_id, i.slot_nr INTO v_cid, v_snr FROM ionmesh_rspro_identity(v_bank, v_slot) i;
  IF v_cid IS NULL THEN
    RETURN QUERY SELECT CASE WHEN v_pool_id IS NULL THEN 'no_slot' ELSE 'pool_full' END::text, NULL::uuid, p_tenant,
                        p_client, p_mode, NULL::int, NULL::int, NULL::int, NULL::int, NULL::text, NULL::text, NULL::text,
                        NULL::int, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;

  INSERT INTO service_profiles AS sp
    (tenant_id, client_id, mapping_mode, bank_id, slot_id, rspro_client_id, rspro_slot_nr,
     client_hardware_info, client_ip_address, ki_pool_id, virtual_iccid, virtual_imsi, policy_id)
  VALUES (p_tenant, p_client, p_mode, v_bank, v_slot, v_cid, v_snr, p_hw, p_ip, v_pool_id,
          CASE WHEN v_pool_id IS NULL THEN NULL ELSE v_iccid END,
          CASE WHEN v_pool_id IS NULL THEN NULL ELSE v_imsi END, p_policy)
  RETURNING sp.profile_id INTO v_profile;

  IF v_pool_id IS NULL THEN
    UPDATE slots SET status = 'assigned', updated_at = now()
    WHERE slots.bank_id = v_bank AND slots.slot_id = v_slot;
    INSERT INTO health_log (tenant_id, bank_id, slot_id, kind, old_status, new_status, reason)
    VALUES (p_tenant, v_bank, v_slot, 'slot_status', 'available', 'assigned', 'assigned to ' || p_client);
  ELSE
    UPDATE ki_proxy_pools SET current_virtual_sims = current_virtual_sims + 1, updated_at = now()
    WHERE id = v_pool_id;
    UPDATE ki_virtual_slots SET in_use = true WHERE ki_virtual_slots.bank_id = v_bank AND slot_nr = v_slot;
    -- Capacity warnings when this registration crosses a warning share of the pool (80 %, 95 %).
    INSERT INTO events (type, tenant_id, data)
    SELECT 'pool.capacity_warning', p_tenant,
           jsonb_build_object('pool_id', v_pool_id, 'pool_name', v_pool_name, 'threshold_percent', t.pct,
                              'current_virtual_sims', v_current + 1, 'capacity', v_capacity)
    FROM unnest(ionmesh_pool_warning_percents()) AS t(pct)
    WHERE v_current < ceil(v_capacity * t.pct / 100.0) AND v_current + 1 >= ceil(v_capacity * t.pct / 100.0);
  END IF;

  INSERT INTO audit_log (tenant_id, actor, action, entity_type, entity_id, after, source_ip, request_id)
  VALUES (p_tenant, p_actor, 'client.register', 'service_profile', v_profile::text,
          jsonb_build_object('profile_id', v_profile, 'tenant_id', p_tenant, 'client_id', p_client,
                             'mapping_mode', p_mode, 'bank_id', v_bank, 'slot_id', v_slot,
                             'rspro_client_id', v_cid, 'rspro_slot_nr', v_snr, 'iccid', v_iccid,
                             'imsi', v_imsi, 'bankd_endpoint', v_endpoint, 'ki_pool_id', v_pool_id,
                             'policy_id', p_policy),
          p_ip, p_request);

  -- The outbox: the event is committed with the registration or not at all.
  INSERT INTO events (type, tenant_id, data)
  VALUES ('client.registered', p_tenant,
          jsonb_build_object('profile_id', v_profile, 'client_id', p_client, 'mapping_mode', p_mode,
                             'bank_id', v_bank, 'slot_id', v_slot, 'rspro_client_id', v_cid, 'rspro_slot_nr', v_snr,
                             'ki_pool_id', v_pool_id, 'policy_id', p_policy));

  RETURN QUERY SELECT 'new'::text, v_profile, p_tenant, p_client, p_mode, v_bank, v_slot, v_cid, v_snr,
                      v_iccid, v_imsi, v_endpoint, v_pool_id, v_pool_name, v_pool_carrier, v_pool_mcc;
END;
$$;
