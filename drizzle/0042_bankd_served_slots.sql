ALTER TABLE "slots" DROP CONSTRAINT "slots_status";--> statement-breakpoint
ALTER TABLE "remsim_servers" ADD COLUMN "invalid" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "unserved_reason" text;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_status" CHECK ("slots"."status" IN ('available', 'assigned', 'faulty', 'disabled', 'empty', 'unserved'));