CREATE TABLE "client_commands" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"profile_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"result" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "client_commands_type" CHECK ("client_commands"."type" IN ('restart', 'reregister', 'switch_slot', 'update_config')),
	CONSTRAINT "client_commands_status" CHECK ("client_commands"."status" IN ('pending', 'delivered', 'acknowledged', 'failed', 'expired'))
);
--> statement-breakpoint
CREATE INDEX "client_commands_pending_idx" ON "client_commands" USING btree ("profile_id") WHERE "client_commands"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "client_commands_open_idx" ON "client_commands" USING btree ("expires_at") WHERE "client_commands"."status" IN ('pending', 'delivered');--> statement-breakpoint
CREATE INDEX "client_commands_client_idx" ON "client_commands" USING btree ("client_id","id");