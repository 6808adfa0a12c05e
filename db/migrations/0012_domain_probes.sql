CREATE TABLE "domain_probes" (
	"domain_id" bigint PRIMARY KEY NOT NULL,
	"nameservers" text[],
	"mx" text[],
	"nxdomain" boolean,
	"probed_at" timestamp with time zone,
	"next_probe_at" timestamp with time zone NOT NULL,
	"probing_until" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_move" text,
	"last_move_at" timestamp with time zone,
	"last_scan_id" bigint
);
--> statement-breakpoint
ALTER TABLE "domain_probes" ADD CONSTRAINT "domain_probes_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_probes" ADD CONSTRAINT "domain_probes_last_scan_id_scans_id_fk" FOREIGN KEY ("last_scan_id") REFERENCES "public"."scans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "domain_probes_next_idx" ON "domain_probes" USING btree ("next_probe_at");