ALTER TABLE "tenants" ADD COLUMN "enrollment_mode" text DEFAULT 'key' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "enrollment_cidrs" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "bind_client_source" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_enrollment_mode" CHECK ("tenants"."enrollment_mode" IN ('open', 'cidr', 'key'));--> statement-breakpoint
-- Tenants that existed before enrollment keep accepting every caller, as they did: routers in
-- the field register once and never retry. New tenants start closed (key).
UPDATE "tenants" SET "enrollment_mode" = 'open';
