-- 0003: 修改模板内容 — a user template is edited in the plan editor through a working plan (a draft).
-- The template itself is only rewritten, in one transaction, when the user chooses 保存到模板; until
-- then a crash loses nothing of it, and the draft stays here to be resumed or discarded.
-- Drafts are not plans of the user's: plans.list and measure search leave them out.
CREATE TABLE template_drafts (
  plan_id          TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  -- One draft per template. No foreign key: deleting a template removes its draft (and plan) in the service.
  template_id      TEXT NOT NULL UNIQUE,
  -- The template's updated_at when the draft was opened (to tell the user it changed since)
  base_updated_at  TEXT,
  created_at       TEXT NOT NULL
) STRICT;
