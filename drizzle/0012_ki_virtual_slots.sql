CREATE TABLE "ki_virtual_slots" (
	"pool_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"slot_nr" integer NOT NULL,
	"ord" integer NOT NULL,
	"in_use" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ki_virtual_slots_bank_id_slot_nr_pk" PRIMARY KEY("bank_id","slot_nr")
);
--> statement-breakpoint
ALTER TABLE "ki_virtual_slots" ADD CONSTRAINT "ki_virtual_slots_pool_id_ki_proxy_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."ki_proxy_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ki_virtual_slots_free_idx" ON "ki_virtual_slots" USING btree ("pool_id","ord") WHERE NOT "ki_virtual_slots"."in_use";