-- Through its text form, so a stored 0.2 (float4) becomes 0.2, not 0.20000000298023224.
ALTER TABLE "protection_settings" ALTER COLUMN "tpdu_error_rate" SET DATA TYPE double precision USING "tpdu_error_rate"::text::double precision;--> statement-breakpoint
ALTER TABLE "protection_settings" ALTER COLUMN "tpdu_error_rate" SET DEFAULT 0.2;