CREATE TABLE "healing_settings" (
	"tenant_id" integer PRIMARY KEY NOT NULL,
	"playbooks" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healing_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_event_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"tenant_id" integer,
	"action" text NOT NULL,
	"result" text NOT NULL,
	"client_id" text,
	"moved" boolean DEFAULT false NOT NULL,
	"detail" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_attempts_result" CHECK ("incident_attempts"."result" IN ('pending', 'success', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" integer,
	"cause" text NOT NULL,
	"severity" text NOT NULL,
	"state" text DEFAULT 'detected' NOT NULL,
	"object_key" text NOT NULL,
	"client_id" text,
	"bank_id" integer,
	"slot_id" integer,
	"bankd_id" integer,
	"server_id" integer,
	"summary" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"event_id" bigint,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_at" timestamp with time zone,
	"follow_up" text,
	"claim_token" uuid,
	"claimed_until" timestamp with time zone,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"diagnosed_at" timestamp with time zone,
	"healing_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"resolution" text,
	"resolved_by" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_cause" CHECK ("incidents"."cause" IN ('card_failure', 'bankd_loss', 'client_request', 'silent_router', 'remsim_drift')),
	CONSTRAINT "incidents_severity" CHECK ("incidents"."severity" IN ('info', 'warning', 'critical')),
	CONSTRAINT "incidents_state" CHECK ("incidents"."state" IN ('detected', 'diagnosing', 'healing', 'resolved', 'escalated'))
);
--> statement-breakpoint
ALTER TABLE "healing_settings" ADD CONSTRAINT "healing_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_attempts" ADD CONSTRAINT "incident_attempts_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_attempts_incident_idx" ON "incident_attempts" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "incident_attempts_moves_idx" ON "incident_attempts" USING btree ("tenant_id","started_at") WHERE "incident_attempts"."moved";--> statement-breakpoint
CREATE INDEX "incident_attempts_client_idx" ON "incident_attempts" USING btree ("client_id","started_at") WHERE "incident_attempts"."moved";--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_open_once" ON "incidents" USING btree ("cause","object_key") WHERE "incidents"."state" NOT IN ('resolved');--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_once_per_event" ON "incidents" USING btree ("cause","event_id") WHERE "incidents"."event_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "incidents_tenant_idx" ON "incidents" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "incidents_due_idx" ON "incidents" USING btree ("next_at") WHERE "incidents"."next_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "incidents_detected_idx" ON "incidents" USING btree ("detected_at");--> statement-breakpoint
INSERT INTO "healing_state" ("id", "last_event_id") SELECT 1, coalesce(max("id"), 0) FROM "events";
