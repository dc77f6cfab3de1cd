-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "meta" TEXT;


-- Messages not yet delivered get the metadata their keys carried until now, so an upgrade in
-- the middle of an escalation still counts it and a waiting reply is still announced.
UPDATE "Outbox" SET "meta" = '{"purpose":"reply"}'
  WHERE status IN ('pending', 'sending') AND "idempotencyKey" LIKE '%:out:%';
UPDATE "Outbox" SET "meta" = '{"purpose":"escalation-ping","escalationLevel":1}'
  WHERE status IN ('pending', 'sending') AND "idempotencyKey" LIKE 'esc:%:L1:ping:%';
UPDATE "Outbox" SET "meta" = '{"purpose":"escalation-ping","escalationLevel":2}'
  WHERE status IN ('pending', 'sending') AND "idempotencyKey" LIKE 'esc:%:L2:ping:%';
UPDATE "Outbox" SET "meta" = '{"purpose":"escalation-ping","escalationLevel":3}'
  WHERE status IN ('pending', 'sending') AND "idempotencyKey" LIKE 'esc:%:L3:ping:%';
UPDATE "Outbox" SET "meta" = '{"purpose":"escalation-announcement","escalationLevel":1}'
  WHERE status IN ('pending', 'sending') AND "replaceKey" LIKE 'case:%:support' AND payload LIKE '%"text":%';
UPDATE "Outbox" SET "meta" = '{"purpose":"escalation-announcement","escalationLevel":2}'
  WHERE status IN ('pending', 'sending') AND "replaceKey" LIKE 'esc:%:L2' AND payload LIKE '%"text":%';
UPDATE "Outbox" SET "meta" = '{"purpose":"escalation-announcement","escalationLevel":3}'
  WHERE status IN ('pending', 'sending') AND "replaceKey" LIKE 'esc:%:L3' AND payload LIKE '%"text":%';
