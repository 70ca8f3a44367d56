CREATE TABLE "remsim_servers" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"simulated" boolean DEFAULT false NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"reachable" boolean,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_pass_at" timestamp with time zone,
	"last_pass_ms" integer,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"figures" jsonb,
	"conflicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"tenant_id" integer,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remsim_mappings" (
	"server_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"bank_slot" integer NOT NULL,
	"client_id" integer NOT NULL,
	"client_slot" integer NOT NULL,
	"profile_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remsim_mappings_server_id_bank_id_bank_slot_client_id_client_slot_pk" PRIMARY KEY("server_id","bank_id","bank_slot","client_id","client_slot")
);
--> statement-breakpoint
ALTER TABLE "service_profiles" ADD COLUMN "rspro_connected" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "service_profiles" ADD COLUMN "rspro_connected_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bankd_instances" ADD COLUMN "remsim_server_id" integer;--> statement-breakpoint
ALTER TABLE "sim_banks" ADD COLUMN "bankd_connected" boolean;--> statement-breakpoint
ALTER TABLE "sim_banks" ADD COLUMN "bankd_connected_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sim_banks" ADD COLUMN "bankd_slots" integer;--> statement-breakpoint
ALTER TABLE "remsim_mappings" ADD CONSTRAINT "remsim_mappings_server_id_remsim_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."remsim_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "remsim_servers_name_key" ON "remsim_servers" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "remsim_servers_url_key" ON "remsim_servers" USING btree ("url");--> statement-breakpoint
CREATE INDEX "events_type_idx" ON "events" USING btree ("type","id");--> statement-breakpoint
CREATE INDEX "events_tenant_idx" ON "events" USING btree ("tenant_id","id");--> statement-breakpoint
ALTER TABLE "bankd_instances" ADD CONSTRAINT "bankd_instances_remsim_server_id_remsim_servers_id_fk" FOREIGN KEY ("remsim_server_id") REFERENCES "public"."remsim_servers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bankd_instances_remsim_idx" ON "bankd_instances" USING btree ("remsim_server_id");--> statement-breakpoint
-- Every remsim-server URL named by a bankd instance becomes a remsim-server of the inventory.
INSERT INTO "remsim_servers" ("name", "url")
  SELECT DISTINCT "remsim_server_url", "remsim_server_url" FROM "bankd_instances" WHERE "remsim_server_url" IS NOT NULL;--> statement-breakpoint
UPDATE "bankd_instances" bi SET "remsim_server_id" = rs."id" FROM "remsim_servers" rs WHERE rs."url" = bi."remsim_server_url";
