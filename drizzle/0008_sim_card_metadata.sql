ALTER TABLE "slots" DROP CONSTRAINT "slots_card_type";--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "ki_pool_name" text;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "ki_pool_priority" integer;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "card_metadata" jsonb;--> statement-breakpoint
CREATE INDEX "slots_ki_pool_name_idx" ON "slots" USING btree ("ki_pool_name") WHERE "slots"."ki_pool_name" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_card_type" CHECK ("slots"."card_type" IN ('REGULAR', 'KI_PROXY_MASTER', 'VIRTUAL'));