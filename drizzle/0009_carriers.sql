CREATE TABLE "carriers" (
	"mcc_mnc" text PRIMARY KEY NOT NULL,
	"mcc" text NOT NULL,
	"mnc" text NOT NULL,
	"brand" text,
	"operator" text,
	"country_name" text,
	"country_code" text,
	"status" text,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "carriers_country_idx" ON "carriers" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "carriers_mcc_idx" ON "carriers" USING btree ("mcc");