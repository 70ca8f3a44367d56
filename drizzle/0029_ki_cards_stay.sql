-- A card inside a KI proxy pool's physical range stays a KI card whoever writes the slot (a
-- card PUT or an import without card_type would otherwise make it REGULAR, and assignable).
-- Otherwise as 0027.
CREATE OR REPLACE FUNCTION ionmesh_slot_card_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.card_type <> 'KI_PROXY_MASTER' AND EXISTS (
       SELECT 1 FROM ki_proxy_pools kp
       WHERE kp.bank_id = NEW.bank_id AND NEW.slot_id BETWEEN kp.physical_slot_start AND kp.physical_slot_end) THEN
    NEW.card_type := 'KI_PROXY_MASTER';
  END IF;
  IF NEW.card_type = 'REGULAR' AND NEW.status IN ('available', 'empty') THEN
    IF NEW.iccid IS NULL AND NEW.imsi IS NULL
       AND NOT EXISTS (SELECT 1 FROM sim_banks b WHERE b.bank_id = NEW.bank_id AND b.unknown_cards_present) THEN
      NEW.status := 'empty';
    ELSE
      NEW.status := 'available';
    END IF;
  END IF;
  RETURN NEW;
END $$;
