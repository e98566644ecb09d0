-- 0008: the 工作台 across plans.
-- 归档: a finished plan leaves the home page's list and its deadline panels without being deleted;
-- 恢复 brings it back as it was. A timestamp rather than plans.status, so archiving never changes what
-- the plan's own status says, and restoring needs nothing remembered.
ALTER TABLE plans ADD COLUMN archived_at TEXT;

-- Each plan's measures without reading their texts: the list's counts, 完成率 and 逾期 of every plan.
CREATE INDEX nodes_by_kind ON nodes(plan_id, kind, id);
