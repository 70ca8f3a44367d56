ALTER TABLE "remsim_servers" ADD COLUMN "stalled" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "remsim_servers" ADD COLUMN "stalls_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "remsim_servers" ADD COLUMN "repairs_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "remsim_servers" ADD COLUMN "flushes_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sim_banks" ADD COLUMN "bankd_missing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "remsim_mappings" ADD COLUMN "seen_active" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "remsim_mappings" ADD COLUMN "purpose" text DEFAULT 'assignment' NOT NULL;--> statement-breakpoint
ALTER TABLE "remsim_mappings" ADD CONSTRAINT "remsim_mappings_purpose" CHECK ("purpose" IN ('assignment', 'flush'));
