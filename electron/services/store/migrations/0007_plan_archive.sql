-- 0007: 归档 — a finished plan leaves the home page's list and its deadline panels without being
-- deleted; 恢复 brings it back as it was. A timestamp rather than plans.status, so archiving never
-- changes what the plan's own status says, and restoring needs nothing remembered.
ALTER TABLE plans ADD COLUMN archived_at TEXT;
