CREATE TABLE "card_plans" (
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"tenant_id" integer NOT NULL,
	"plan_id" integer,
	"valid_until" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_plans_bank_id_slot_id_pk" PRIMARY KEY("bank_id","slot_id")
);
--> statement-breakpoint
CREATE TABLE "card_usage_cycles" (
	"tenant_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"cycle_start" date NOT NULL,
	"cycle_end" date NOT NULL,
	"iccid" text,
	"last_client_id" text,
	"rx_bytes" bigint,
	"tx_bytes" bigint,
	"tpdus" bigint,
	"tpdu_errors" bigint,
	"samples" integer DEFAULT 0 NOT NULL,
	"resets" integer DEFAULT 0 NOT NULL,
	"discarded" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "card_usage_cycles_bank_id_slot_id_cycle_start_pk" PRIMARY KEY("bank_id","slot_id","cycle_start")
);
--> statement-breakpoint
CREATE TABLE "card_usage_daily" (
	"tenant_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"day" date NOT NULL,
	"client_id" text NOT NULL,
	"iccid" text,
	"rx_bytes" bigint,
	"tx_bytes" bigint,
	"tpdus" bigint,
	"tpdu_errors" bigint,
	"samples" integer DEFAULT 0 NOT NULL,
	"resets" integer DEFAULT 0 NOT NULL,
	"discarded" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "card_usage_daily_bank_id_slot_id_day_tenant_id_client_id_pk" PRIMARY KEY("bank_id","slot_id","day","tenant_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "sim_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"name" text NOT NULL,
	"mcc_mnc" text,
	"carrier_default" boolean DEFAULT false NOT NULL,
	"allowance_bytes" bigint,
	"cycle_day" smallint DEFAULT 1 NOT NULL,
	"cost_per_mb" numeric(14, 6) DEFAULT '0' NOT NULL,
	"overage_cost_per_mb" numeric(14, 6) DEFAULT '0' NOT NULL,
	"monthly_fee" numeric(14, 4) DEFAULT '0' NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sim_plans_cycle_day" CHECK ("sim_plans"."cycle_day" BETWEEN 1 AND 28),
	CONSTRAINT "sim_plans_default_has_carrier" CHECK (NOT "sim_plans"."carrier_default" OR "sim_plans"."mcc_mnc" IS NOT NULL),
	CONSTRAINT "sim_plans_allowance" CHECK ("sim_plans"."allowance_bytes" IS NULL OR "sim_plans"."allowance_bytes" >= 0),
	CONSTRAINT "sim_plans_costs" CHECK ("sim_plans"."cost_per_mb" >= 0 AND "sim_plans"."overage_cost_per_mb" >= 0 AND "sim_plans"."monthly_fee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "usage_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"accounted_until" timestamp with time zone DEFAULT 'epoch' NOT NULL,
	"last_run_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "client_stats_raw" ADD COLUMN "bank_id" integer;--> statement-breakpoint
ALTER TABLE "client_stats_raw" ADD COLUMN "slot_id" integer;--> statement-breakpoint
ALTER TABLE "client_stats_raw" ADD COLUMN "uptime_sec" bigint;--> statement-breakpoint
ALTER TABLE "card_plans" ADD CONSTRAINT "card_plans_plan_id_sim_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."sim_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_plans" ADD CONSTRAINT "sim_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_plans_plan_idx" ON "card_plans" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "card_usage_cycles_tenant_idx" ON "card_usage_cycles" USING btree ("tenant_id","cycle_start");--> statement-breakpoint
CREATE INDEX "card_usage_daily_tenant_day_idx" ON "card_usage_daily" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "card_usage_daily_client_idx" ON "card_usage_daily" USING btree ("tenant_id","client_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "sim_plans_tenant_name_key" ON "sim_plans" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "sim_plans_carrier_default_key" ON "sim_plans" USING btree ("tenant_id","mcc_mnc") WHERE "sim_plans"."carrier_default";--> statement-breakpoint
INSERT INTO "usage_state" ("id") VALUES (1) ON CONFLICT DO NOTHING;
