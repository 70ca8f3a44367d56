CREATE TABLE "card_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"kind" text NOT NULL,
	"client_id" text,
	"detail" text,
	"subject" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_locks" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb,
	"state" text DEFAULT 'locked' NOT NULL,
	"client_id" text,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unlocked_at" timestamp with time zone,
	"unlocked_by" text,
	CONSTRAINT "card_locks_kind" CHECK ("card_locks"."kind" IN ('auto_lock', 'imei', 'usage', 'validity')),
	CONSTRAINT "card_locks_state" CHECK ("card_locks"."state" IN ('locked', 'pending_move'))
);
--> statement-breakpoint
CREATE TABLE "imei_bindings" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"bank_id" integer,
	"slot_id" integer,
	"client_id" text,
	"imei" text NOT NULL,
	"enforcing" boolean DEFAULT false NOT NULL,
	"last_mismatch" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	CONSTRAINT "imei_bindings_target" CHECK (("imei_bindings"."client_id" IS NULL) = ("imei_bindings"."bank_id" IS NOT NULL AND "imei_bindings"."slot_id" IS NOT NULL)),
	CONSTRAINT "imei_bindings_imei" CHECK ("imei_bindings"."imei" ~ '^[0-9]{14,16}$')
);
--> statement-breakpoint
CREATE TABLE "protection_settings" (
	"tenant_id" integer PRIMARY KEY NOT NULL,
	"auto_lock" boolean DEFAULT true NOT NULL,
	"failure_limit" integer DEFAULT 5 NOT NULL,
	"failure_window_min" integer DEFAULT 60 NOT NULL,
	"tpdu_error_rate" real DEFAULT 0.2 NOT NULL,
	"min_tpdus" integer DEFAULT 20 NOT NULL,
	"presence_grace_min" integer DEFAULT 10 NOT NULL,
	"validity_notice_hours" integer DEFAULT 24 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "protection_settings_limits" CHECK ("protection_settings"."failure_limit" >= 1 AND "protection_settings"."failure_window_min" BETWEEN 1 AND 10080
      AND "protection_settings"."tpdu_error_rate" > 0 AND "protection_settings"."tpdu_error_rate" <= 1 AND "protection_settings"."min_tpdus" >= 1
      AND "protection_settings"."presence_grace_min" BETWEEN 1 AND 1440 AND "protection_settings"."validity_notice_hours" BETWEEN 0 AND 8760)
);
--> statement-breakpoint
CREATE TABLE "threshold_firings" (
	"threshold_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"cycle_start" date NOT NULL,
	"tenant_id" integer NOT NULL,
	"client_id" text,
	"percent" integer NOT NULL,
	"action" text NOT NULL,
	"used_bytes" bigint NOT NULL,
	"allowance_bytes" bigint NOT NULL,
	"result" text DEFAULT 'pending' NOT NULL,
	"detail" text,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "threshold_firings_threshold_id_bank_id_slot_id_cycle_start_pk" PRIMARY KEY("threshold_id","bank_id","slot_id","cycle_start"),
	CONSTRAINT "threshold_firings_result" CHECK ("threshold_firings"."result" IN ('pending', 'done', 'skipped', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "usage_thresholds" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"plan_id" integer,
	"bank_id" integer,
	"slot_id" integer,
	"percent" integer NOT NULL,
	"action" text DEFAULT 'event' NOT NULL,
	"command_type" text,
	"command_payload" jsonb,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_thresholds_target" CHECK (("usage_thresholds"."plan_id" IS NULL) = ("usage_thresholds"."bank_id" IS NOT NULL AND "usage_thresholds"."slot_id" IS NOT NULL)),
	CONSTRAINT "usage_thresholds_percent" CHECK ("usage_thresholds"."percent" BETWEEN 1 AND 1000),
	CONSTRAINT "usage_thresholds_action" CHECK ("usage_thresholds"."action" IN ('event', 'disable_and_move', 'command')),
	CONSTRAINT "usage_thresholds_command" CHECK (("usage_thresholds"."action" = 'command') = ("usage_thresholds"."command_type" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "card_usage_cycles" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_state" ADD COLUMN "thresholds_checked_at" timestamp with time zone DEFAULT 'epoch' NOT NULL;--> statement-breakpoint
ALTER TABLE "imei_bindings" ADD CONSTRAINT "imei_bindings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_settings" ADD CONSTRAINT "protection_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_firings" ADD CONSTRAINT "threshold_firings_threshold_id_usage_thresholds_id_fk" FOREIGN KEY ("threshold_id") REFERENCES "public"."usage_thresholds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_thresholds" ADD CONSTRAINT "usage_thresholds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_thresholds" ADD CONSTRAINT "usage_thresholds_plan_id_sim_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."sim_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_failures_card_idx" ON "card_failures" USING btree ("bank_id","slot_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "card_failures_once_key" ON "card_failures" USING btree ("bank_id","slot_id","kind","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "card_locks_active_key" ON "card_locks" USING btree ("bank_id","slot_id") WHERE "card_locks"."unlocked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "card_locks_tenant_idx" ON "card_locks" USING btree ("tenant_id","locked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "imei_bindings_card_key" ON "imei_bindings" USING btree ("bank_id","slot_id") WHERE "imei_bindings"."bank_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "imei_bindings_client_key" ON "imei_bindings" USING btree ("tenant_id","client_id") WHERE "imei_bindings"."client_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "threshold_firings_tenant_idx" ON "threshold_firings" USING btree ("tenant_id","fired_at");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_thresholds_plan_key" ON "usage_thresholds" USING btree ("plan_id","percent","action") WHERE "usage_thresholds"."plan_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "usage_thresholds_card_key" ON "usage_thresholds" USING btree ("bank_id","slot_id","percent","action") WHERE "usage_thresholds"."bank_id" IS NOT NULL;