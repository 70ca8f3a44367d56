-- The card rules kept by the database: a slot without a known card is empty unless its bank
-- declares unknown cards present; a free card its bankd does not serve is unserved; a KI pool's physical cards stay KI cards and are never assigned
-- one-to-one (triggers slots_card_state and service_profiles_regular_card, migration 0027).

-- A card inside a KI proxy pool's physical range stays a KI card whoever writes the slot (a
-- card PUT or an import without card_type would otherwise make it REGULAR, and assignable).
-- Otherwise as 0027.
-- Why the remsim side cannot serve a bank slot, or NULL: beyond the slots its bankd reports, or
-- held by a map IonMesh does not own (`holder` names it). The reconciler and new slots use it.
CREATE OR REPLACE FUNCTION ionmesh_slot_unserved_reason(p_bankd_slots integer, p_slot integer, p_holder text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_bankd_slots IS NOT NULL AND p_slot >= p_bankd_slots
                THEN 'its bankd serves ' || p_bankd_slots || ' slots (0..' || (p_bankd_slots - 1) || ')'
              WHEN p_holder IS NOT NULL
                THEN 'held on the remsim-server by a map IonMesh does not own (' || p_holder || ')'
         END
$$;

CREATE OR REPLACE FUNCTION ionmesh_slot_card_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A slot created beyond what its bankd serves starts unserved.
  IF TG_OP = 'INSERT' AND NEW.unserved_reason IS NULL AND NEW.card_type <> 'VIRTUAL' THEN
    SELECT ionmesh_slot_unserved_reason(b.bankd_slots, NEW.slot_id, NULL) INTO NEW.unserved_reason
    FROM sim_banks b WHERE b.bank_id = NEW.bank_id;
  END IF;
  IF NEW.card_type <> 'KI_PROXY_MASTER' AND EXISTS (
       SELECT 1 FROM ki_proxy_pools kp
       WHERE kp.bank_id = NEW.bank_id AND NEW.slot_id BETWEEN kp.physical_slot_start AND kp.physical_slot_end) THEN
    NEW.card_type := 'KI_PROXY_MASTER';
  END IF;
  IF NEW.card_type = 'REGULAR' AND NEW.status IN ('available', 'empty', 'unserved') THEN
    IF NEW.iccid IS NULL AND NEW.imsi IS NULL
       AND NOT EXISTS (SELECT 1 FROM sim_banks b WHERE b.bank_id = NEW.bank_id AND b.unknown_cards_present) THEN
      NEW.status := 'empty';
    ELSIF NEW.unserved_reason IS NOT NULL THEN
      -- Its bankd does not serve it, or a map IonMesh does not own holds it: never handed out
      -- until the reconciler clears the reason (issue 32).
      NEW.status := 'unserved';
    ELSE
      NEW.status := 'available';
    END IF;
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION ionmesh_profile_regular_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'ACTIVE' AND NEW.ki_pool_id IS NULL AND EXISTS (
       SELECT 1 FROM slots s WHERE s.bank_id = NEW.bank_id AND s.slot_id = NEW.slot_id AND s.card_type <> 'REGULAR') THEN
    RAISE EXCEPTION 'bank % slot % holds a KI proxy card or a virtual slot: never assigned one-to-one', NEW.bank_id, NEW.slot_id
      USING ERRCODE = '23514', CONSTRAINT = 'profiles_regular_card';
  END IF;
  RETURN NEW;
END $$;
