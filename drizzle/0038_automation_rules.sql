CREATE TABLE "automation_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"trigger" jsonb NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"cooldown_sec" integer DEFAULT 3600 NOT NULL,
	"max_per_hour" integer DEFAULT 60 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automation_rules_limits" CHECK ("automation_rules"."cooldown_sec" BETWEEN 0 AND 2592000 AND "automation_rules"."max_per_hour" BETWEEN 1 AND 100000)
);
--> statement-breakpoint
CREATE TABLE "rule_cooldowns" (
	"rule_id" integer NOT NULL,
	"object_key" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	CONSTRAINT "rule_cooldowns_rule_id_object_key_pk" PRIMARY KEY("rule_id","object_key")
);
--> statement-breakpoint
CREATE TABLE "rule_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_id" integer NOT NULL,
	"tenant_id" integer NOT NULL,
	"event_id" bigint,
	"trigger" jsonb NOT NULL,
	"object_key" text NOT NULL,
	"result" text NOT NULL,
	"actions" jsonb,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "rule_runs_result" CHECK ("rule_runs"."result" IN ('pending', 'done', 'failed', 'cooldown', 'limited', 'job'))
);
--> statement-breakpoint
CREATE TABLE "rules_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_event_id" bigint NOT NULL,
	"measured_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_cooldowns" ADD CONSTRAINT "rule_cooldowns_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_runs" ADD CONSTRAINT "rule_runs_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_rules_tenant_name_key" ON "automation_rules" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_runs_once_per_event" ON "rule_runs" USING btree ("rule_id","event_id") WHERE "rule_runs"."event_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "rule_runs_rule_idx" ON "rule_runs" USING btree ("rule_id","id");--> statement-breakpoint
CREATE INDEX "rule_runs_tenant_idx" ON "rule_runs" USING btree ("tenant_id","id");--> statement-breakpoint
INSERT INTO "rules_state" ("id", "last_event_id") SELECT 1, coalesce(max("id"), 0) FROM "events";
