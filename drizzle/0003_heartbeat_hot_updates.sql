DROP INDEX "profiles_liveness_idx";--> statement-breakpoint
CREATE INDEX "profiles_liveness_idx" ON "service_profiles" USING btree ("tenant_id","liveness") WHERE "service_profiles"."status" = 'ACTIVE';--> statement-breakpoint
-- Free room on every page so that heartbeat updates stay on their page (HOT) instead of adding
-- a tuple to every index and bloating the table; PGlite has no autovacuum to clean up after.
ALTER TABLE "service_profiles" SET (fillfactor = 70);
