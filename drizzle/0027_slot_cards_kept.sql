ALTER TABLE "slots" DROP CONSTRAINT "slots_status";--> statement-breakpoint
ALTER TABLE "sim_banks" ADD COLUMN "unknown_cards_present" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_status" CHECK ("slots"."status" IN ('available', 'assigned', 'faulty', 'disabled', 'empty'));--> statement-breakpoint
-- Banks that already serve routers from slots without card data keep doing so.
UPDATE "sim_banks" b SET "unknown_cards_present" = true
WHERE EXISTS (SELECT 1 FROM "service_profiles" p JOIN "slots" s ON s."bank_id" = p."bank_id" AND s."slot_id" = p."slot_id"
              WHERE p."bank_id" = b."bank_id" AND p."status" = 'ACTIVE' AND p."ki_pool_id" IS NULL
                AND s."iccid" IS NULL AND s."imsi" IS NULL);--> statement-breakpoint
-- A regular slot is assignable (available) only with a known card, or on a bank whose unknown
-- cards the operator declared present; otherwise it is empty. Kept by the database on every write.
CREATE OR REPLACE FUNCTION ionmesh_slot_card_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.card_type = 'REGULAR' AND NEW.status IN ('available', 'empty') THEN
    IF NEW.iccid IS NULL AND NEW.imsi IS NULL
       AND NOT EXISTS (SELECT 1 FROM sim_banks b WHERE b.bank_id = NEW.bank_id AND b.unknown_cards_present) THEN
      NEW.status := 'empty';
    ELSE
      NEW.status := 'available';
    END IF;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "slots_card_state" BEFORE INSERT OR UPDATE OF "status", "iccid", "imsi", "card_type" ON "slots"
  FOR EACH ROW EXECUTE FUNCTION ionmesh_slot_card_state();--> statement-breakpoint
UPDATE "slots" SET "status" = "status" WHERE "status" IN ('available', 'empty');--> statement-breakpoint
-- A KI proxy pool's physical cards authenticate its virtual SIMs: never assigned one-to-one.
UPDATE "slots" s SET "card_type" = 'KI_PROXY_MASTER'
FROM "ki_proxy_pools" kp
WHERE s."bank_id" = kp."bank_id" AND s."slot_id" BETWEEN kp."physical_slot_start" AND kp."physical_slot_end"
  AND s."card_type" = 'REGULAR' AND s."status" <> 'assigned';--> statement-breakpoint
CREATE OR REPLACE FUNCTION ionmesh_profile_regular_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'ACTIVE' AND NEW.ki_pool_id IS NULL AND EXISTS (
       SELECT 1 FROM slots s WHERE s.bank_id = NEW.bank_id AND s.slot_id = NEW.slot_id AND s.card_type <> 'REGULAR') THEN
    RAISE EXCEPTION 'bank % slot % holds a KI proxy card or a virtual slot: never assigned one-to-one', NEW.bank_id, NEW.slot_id
      USING ERRCODE = '23514', CONSTRAINT = 'profiles_regular_card';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "service_profiles_regular_card" BEFORE INSERT OR UPDATE OF "bank_id", "slot_id", "status", "ki_pool_id"
  ON "service_profiles" FOR EACH ROW EXECUTE FUNCTION ionmesh_profile_regular_card();
