-- Webhooks: a look-alike gaining mail servers or a web address (`lookalike.dns_appeared`, its audit
-- row) is an event of its own, after `lookalike.registered`: a registry's mail filters want to know
-- the moment a look-alike can send mail.
CREATE OR REPLACE FUNCTION webhook_from_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ev text := CASE NEW.action
    WHEN 'email.unverify' THEN 'address.unverified'
    WHEN 'flag.open' THEN 'address.flagged'
    WHEN 'flag.hold_for_review' THEN 'address.flagged'
    WHEN 'flag.resolve' THEN 'flag.resolved'
    WHEN 'lookalike.registered' THEN 'lookalike.registered'
    WHEN 'lookalike.dns_appeared' THEN 'lookalike.dns_appeared'
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
  WHEN (NEW.action IN ('email.unverify', 'flag.open', 'flag.hold_for_review', 'flag.resolve', 'lookalike.registered',
    'lookalike.dns_appeared'))
  EXECUTE FUNCTION webhook_from_audit();
