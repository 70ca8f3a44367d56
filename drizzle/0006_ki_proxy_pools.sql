CREATE TABLE "ki_pool_segments" (
	"id" serial PRIMARY KEY NOT NULL,
	"pool_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"virtual_slot_start" integer NOT NULL,
	"virtual_slot_end" integer NOT NULL,
	CONSTRAINT "ki_pool_segments_range" CHECK ("ki_pool_segments"."virtual_slot_start" BETWEEN 0 AND 1023 AND "ki_pool_segments"."virtual_slot_end" BETWEEN 0 AND 1023 AND "ki_pool_segments"."virtual_slot_start" <= "ki_pool_segments"."virtual_slot_end")
);
--> statement-breakpoint
CREATE TABLE "ki_proxy_pools" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"pool_name" text NOT NULL,
	"carrier" text,
	"mcc_mnc" text NOT NULL,
	"bank_id" integer NOT NULL,
	"physical_slot_start" integer NOT NULL,
	"physical_slot_end" integer NOT NULL,
	"routing_mode" text DEFAULT 'round-robin' NOT NULL,
	"max_virtual_sims" integer DEFAULT 6000 NOT NULL,
	"current_virtual_sims" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ki_proxy_pools_routing_mode" CHECK ("ki_proxy_pools"."routing_mode" IN ('round-robin', 'least-used', 'random')),
	CONSTRAINT "ki_proxy_pools_physical_range" CHECK ("ki_proxy_pools"."physical_slot_start" BETWEEN 0 AND 1023 AND "ki_proxy_pools"."physical_slot_end" BETWEEN 0 AND 1023 AND "ki_proxy_pools"."physical_slot_start" <= "ki_proxy_pools"."physical_slot_end"),
	CONSTRAINT "ki_proxy_pools_capacity" CHECK ("ki_proxy_pools"."current_virtual_sims" >= 0 AND "ki_proxy_pools"."current_virtual_sims" <= "ki_proxy_pools"."max_virtual_sims")
);
--> statement-breakpoint
ALTER TABLE "service_profiles" ADD COLUMN "ki_pool_id" integer;--> statement-breakpoint
ALTER TABLE "service_profiles" ADD COLUMN "virtual_iccid" text;--> statement-breakpoint
ALTER TABLE "service_profiles" ADD COLUMN "virtual_imsi" text;--> statement-breakpoint
ALTER TABLE "ki_pool_segments" ADD CONSTRAINT "ki_pool_segments_pool_id_ki_proxy_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."ki_proxy_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ki_pool_segments" ADD CONSTRAINT "ki_pool_segments_bank_id_sim_banks_bank_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."sim_banks"("bank_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ki_proxy_pools" ADD CONSTRAINT "ki_proxy_pools_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ki_proxy_pools" ADD CONSTRAINT "ki_proxy_pools_bank_id_sim_banks_bank_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."sim_banks"("bank_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ki_pool_segments_pool_idx" ON "ki_pool_segments" USING btree ("pool_id");--> statement-breakpoint
CREATE INDEX "ki_pool_segments_bank_idx" ON "ki_pool_segments" USING btree ("bank_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ki_proxy_pools_tenant_name_key" ON "ki_proxy_pools" USING btree ("tenant_id","pool_name");--> statement-breakpoint
CREATE INDEX "ki_proxy_pools_match_idx" ON "ki_proxy_pools" USING btree ("tenant_id","mcc_mnc");--> statement-breakpoint
CREATE INDEX "profiles_ki_pool_idx" ON "service_profiles" USING btree ("ki_pool_id") WHERE "service_profiles"."status" = 'ACTIVE';