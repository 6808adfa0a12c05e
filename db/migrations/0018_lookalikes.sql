ALTER TYPE "public"."notification_kind" ADD VALUE 'lookalike_alert';--> statement-breakpoint
ALTER TYPE "public"."scan_kind" ADD VALUE 'lookalikes';--> statement-breakpoint
CREATE TABLE "lookalike_candidates" (
	"domain_id" bigint PRIMARY KEY NOT NULL,
	"unicode" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"baseline_at" timestamp with time zone,
	"registered" boolean DEFAULT false NOT NULL,
	"registered_seen_at" timestamp with time zone,
	"nameservers" text[] DEFAULT '{}'::text[] NOT NULL,
	"mx" text[] DEFAULT '{}'::text[] NOT NULL,
	"addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"has_mx" boolean DEFAULT false NOT NULL,
	"mx_seen_at" timestamp with time zone,
	"has_a" boolean DEFAULT false NOT NULL,
	"a_seen_at" timestamp with time zone,
	"mark" text,
	"mark_reason" text,
	"marked_by" bigint,
	"marked_at" timestamp with time zone,
	CONSTRAINT "lookalike_candidates_mark_check" CHECK ("lookalike_candidates"."mark" is null or "lookalike_candidates"."mark" in ('benign', 'malicious'))
);
--> statement-breakpoint
CREATE TABLE "lookalike_names" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lookalike_names_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"tlds" text[] NOT NULL,
	"added_by" bigint,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lookalike_sources" (
	"name_id" bigint NOT NULL,
	"domain_id" bigint NOT NULL,
	"families" text[] NOT NULL,
	CONSTRAINT "lookalike_sources_name_id_domain_id_pk" PRIMARY KEY("name_id","domain_id")
);
--> statement-breakpoint
ALTER TABLE "lookalike_candidates" ADD CONSTRAINT "lookalike_candidates_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lookalike_candidates" ADD CONSTRAINT "lookalike_candidates_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lookalike_names" ADD CONSTRAINT "lookalike_names_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lookalike_sources" ADD CONSTRAINT "lookalike_sources_name_id_lookalike_names_id_fk" FOREIGN KEY ("name_id") REFERENCES "public"."lookalike_names"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lookalike_sources" ADD CONSTRAINT "lookalike_sources_domain_id_lookalike_candidates_domain_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."lookalike_candidates"("domain_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lookalike_candidates_registered_idx" ON "lookalike_candidates" USING btree ("registered_seen_at" DESC NULLS LAST) WHERE "lookalike_candidates"."registered";--> statement-breakpoint
CREATE INDEX "lookalike_candidates_mark_idx" ON "lookalike_candidates" USING btree ("mark") WHERE "lookalike_candidates"."mark" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "lookalike_names_name_key" ON "lookalike_names" USING btree ("name");--> statement-breakpoint
CREATE INDEX "lookalike_sources_domain_idx" ON "lookalike_sources" USING btree ("domain_id");--> statement-breakpoint
-- Webhooks (0016): `lookalike.registered` follows its audit row, as the address and flag events do.
CREATE OR REPLACE FUNCTION webhook_from_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ev text := CASE NEW.action
    WHEN 'email.unverify' THEN 'address.unverified'
    WHEN 'flag.open' THEN 'address.flagged'
    WHEN 'flag.hold_for_review' THEN 'address.flagged'
    WHEN 'flag.resolve' THEN 'flag.resolved'
    WHEN 'lookalike.registered' THEN 'lookalike.registered'
  END;
BEGIN
  IF ev IS NOT NULL THEN
    PERFORM webhook_enqueue(
      ev,
      NEW.details || jsonb_build_object('targetType', NEW.target_type, 'targetId', NEW.target_id, 'by', NEW.actor_label),
      NEW.at
    );
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_webhooks ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_webhooks
  AFTER INSERT ON audit_log
  FOR EACH ROW
  WHEN (NEW.action IN ('email.unverify', 'flag.open', 'flag.hold_for_review', 'flag.resolve', 'lookalike.registered'))
  EXECUTE FUNCTION webhook_from_audit();
--> statement-breakpoint
-- A look-alike candidate that no address uses is not one of the registry's maintainers' domains:
-- its stage changes are told as `lookalike.registered`, not as `domain.stage_changed`.
CREATE OR REPLACE FUNCTION webhook_from_domain() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM lookalike_candidates c WHERE c.domain_id = NEW.id)
     AND NOT EXISTS (SELECT 1 FROM emails e WHERE e.domain = NEW.name) THEN
    RETURN NULL;
  END IF;
  PERFORM webhook_enqueue(
    'domain.stage_changed',
    jsonb_build_object('domain', NEW.name, 'from', OLD.stage, 'to', NEW.stage),
    now()
  );
  RETURN NULL;
END;
$$;
