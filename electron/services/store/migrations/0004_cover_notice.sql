-- 0004: the 印发通知 an issued plan goes out under (PlanDocument.notice): its title, 主送, body, 落款 and
-- 成文日期 as one JSON object, NULL when the plan has none. Stored beside the plan's other header fields
-- so undo, revisions and duplication carry it with them.
ALTER TABLE plans ADD COLUMN notice TEXT;
