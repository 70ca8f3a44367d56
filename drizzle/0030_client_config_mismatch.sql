ALTER TABLE "service_profiles" ADD COLUMN "requested_mapping_mode" text;--> statement-breakpoint
ALTER TABLE "service_profiles" ADD COLUMN "requested_mcc_mnc" text;--> statement-breakpoint
ALTER TABLE "service_profiles" ADD COLUMN "config_mismatch" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "move_on_config_mismatch" boolean DEFAULT false NOT NULL;