-- Webhook events are written by the database, in the transaction of the change itself (the outbox
-- pattern): an event exists exactly when its change committed, whichever code path made it (a scan,
-- a staff review, the CLI). Address and flag events follow the audit log, which every such change
-- writes; a domain's stage change follows the domains row. One delivery per subscribed endpoint.
CREATE OR REPLACE FUNCTION webhook_enqueue(ev text, data jsonb, occurred timestamptz) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO webhook_deliveries (endpoint_id, event, payload)
  SELECT e.id, ev, jsonb_build_object('event', ev, 'occurredAt', occurred, 'data', data)
  FROM webhook_endpoints e
  WHERE e.removed_at IS NULL AND ev = ANY (e.events);
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION webhook_from_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ev text := CASE NEW.action
    WHEN 'email.unverify' THEN 'address.unverified'
    WHEN 'flag.open' THEN 'address.flagged'
    WHEN 'flag.hold_for_review' THEN 'address.flagged'
    WHEN 'flag.resolve' THEN 'flag.resolved'
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
CREATE TRIGGER audit_log_webhooks
  AFTER INSERT ON audit_log
  FOR EACH ROW
  WHEN (NEW.action IN ('email.unverify', 'flag.open', 'flag.hold_for_review', 'flag.resolve'))
  EXECUTE FUNCTION webhook_from_audit();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION webhook_from_domain() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM webhook_enqueue(
    'domain.stage_changed',
    jsonb_build_object('domain', NEW.name, 'from', OLD.stage, 'to', NEW.stage),
    now()
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER domains_stage_webhooks
  AFTER UPDATE OF stage ON domains
  FOR EACH ROW
  WHEN (OLD.stage IS DISTINCT FROM NEW.stage)
  EXECUTE FUNCTION webhook_from_domain();
