CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" integer,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"source_ip" text,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"role" text DEFAULT 'admin' NOT NULL,
	"tenant_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_role" CHECK ("api_keys"."role" IN ('admin'))
);
--> statement-breakpoint
CREATE TABLE "health_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" integer,
	"profile_id" uuid,
	"client_id" text,
	"bank_id" integer,
	"slot_id" integer,
	"kind" text NOT NULL,
	"old_status" text,
	"new_status" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_profiles" (
	"profile_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" integer NOT NULL,
	"client_id" text NOT NULL,
	"mapping_mode" text NOT NULL,
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"rspro_client_id" integer NOT NULL,
	"rspro_slot_nr" integer NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone,
	"last_heartbeat" timestamp with time zone,
	"liveness" text DEFAULT 'unknown' NOT NULL,
	"liveness_changed_at" timestamp with time zone,
	"health_status" text DEFAULT 'unknown' NOT NULL,
	"client_stats" jsonb,
	"client_hardware_info" jsonb,
	"client_ip_address" text,
	CONSTRAINT "service_profiles_status" CHECK ("service_profiles"."status" IN ('ACTIVE', 'DEACTIVATED')),
	CONSTRAINT "service_profiles_liveness" CHECK ("service_profiles"."liveness" IN ('unknown', 'online', 'offline')),
	CONSTRAINT "service_profiles_mode" CHECK ("service_profiles"."mapping_mode" IN ('ONE_TO_ONE_SWSIM', 'ONE_TO_ONE_VSIM', 'KI_PROXY_SWSIM')),
	CONSTRAINT "service_profiles_rspro_range" CHECK ("service_profiles"."rspro_client_id" BETWEEN 1 AND 1023 AND "service_profiles"."rspro_slot_nr" BETWEEN 1 AND 1023)
);
--> statement-breakpoint
CREATE TABLE "bankd_instances" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"endpoint" text NOT NULL,
	"remsim_server_url" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bankd_instances_status" CHECK ("bankd_instances"."status" IN ('active', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "sim_banks" (
	"bank_id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"tenant_id" integer NOT NULL,
	"bankd_instance_id" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sim_banks_bank_id_range" CHECK ("sim_banks"."bank_id" BETWEEN 1 AND 1023),
	CONSTRAINT "sim_banks_status" CHECK ("sim_banks"."status" IN ('active', 'offline', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"iccid" text,
	"imsi" text,
	"carrier" text,
	"mcc_mnc" text,
	"card_type" text DEFAULT 'REGULAR' NOT NULL,
	"reader_name" text,
	"status" text DEFAULT 'available' NOT NULL,
	"health_status" text DEFAULT 'unknown' NOT NULL,
	"last_health_check" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slots_bank_id_slot_id_pk" PRIMARY KEY("bank_id","slot_id"),
	CONSTRAINT "slots_slot_id_range" CHECK ("slots"."slot_id" BETWEEN 0 AND 1023),
	CONSTRAINT "slots_status" CHECK ("slots"."status" IN ('available', 'assigned', 'faulty', 'disabled')),
	CONSTRAINT "slots_card_type" CHECK ("slots"."card_type" IN ('REGULAR', 'KI_PROXY_MASTER'))
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_id_positive" CHECK ("tenants"."id" >= 1)
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_profiles" ADD CONSTRAINT "service_profiles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_profiles" ADD CONSTRAINT "service_profiles_bank_id_sim_banks_bank_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."sim_banks"("bank_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_banks" ADD CONSTRAINT "sim_banks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_banks" ADD CONSTRAINT "sim_banks_bankd_instance_id_bankd_instances_id_fk" FOREIGN KEY ("bankd_instance_id") REFERENCES "public"."bankd_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_bank_id_sim_banks_bank_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."sim_banks"("bank_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_tenant_idx" ON "audit_log" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "health_log_profile_idx" ON "health_log" USING btree ("profile_id","id");--> statement-breakpoint
CREATE INDEX "health_log_slot_idx" ON "health_log" USING btree ("bank_id","slot_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_one_active_per_client" ON "service_profiles" USING btree ("client_id","tenant_id") WHERE "service_profiles"."status" = 'ACTIVE';--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_one_active_per_slot" ON "service_profiles" USING btree ("bank_id","slot_id") WHERE "service_profiles"."status" = 'ACTIVE';--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_one_active_per_rspro_identity" ON "service_profiles" USING btree ("rspro_client_id","rspro_slot_nr") WHERE "service_profiles"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "profiles_liveness_idx" ON "service_profiles" USING btree ("liveness","last_heartbeat") WHERE "service_profiles"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "profiles_tenant_idx" ON "service_profiles" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "bankd_instances_name_key" ON "bankd_instances" USING btree ("name");--> statement-breakpoint
CREATE INDEX "sim_banks_tenant_idx" ON "sim_banks" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "slots_iccid_key" ON "slots" USING btree ("iccid");--> statement-breakpoint
CREATE INDEX "slots_available_idx" ON "slots" USING btree ("mcc_mnc","bank_id","slot_id") WHERE "slots"."status" = 'available';--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_name_key" ON "tenants" USING btree ("name");