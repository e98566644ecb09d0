-- 0004: evidence is deleted only when nothing can bring it back.
-- An attachment no longer disappears with its measure: deleting a node (or a whole plan) soft-removes
-- the node's attachments (removed_at), exactly as removing one attachment does, so undo brings them
-- back and the maintenance step purges them only after the 30-day grace. For that the cascading
-- foreign key attachments.node_id → nodes goes; the table is rebuilt the SQLite way (the migration
-- runner turns foreign keys off around it and checks them before commit).

CREATE TABLE attachments_new (
  id             TEXT PRIMARY KEY,
  node_id        TEXT NOT NULL,                      -- the measure; the row outlives a deleted node (undo restores both)
  sha256         TEXT NOT NULL REFERENCES blobs(sha256),
  original_name  TEXT NOT NULL,
  type           TEXT NOT NULL DEFAULT '其他',       -- 会议纪要, 制度文本, 印发文件, 照片 …
  doc_date       TEXT,
  note           TEXT,
  added_by       TEXT,
  added_at       TEXT NOT NULL,
  removed_at     TEXT                                -- soft delete: removing is undoable
) STRICT;

INSERT INTO attachments_new (id, node_id, sha256, original_name, type, doc_date, note, added_by, added_at, removed_at)
SELECT id, node_id, sha256, original_name, type, doc_date, note, added_by, added_at, removed_at FROM attachments;

DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;

CREATE INDEX attachments_by_node ON attachments(node_id);
-- Garbage collection asks "does any attachment still use this blob?" for every blob.
CREATE INDEX IF NOT EXISTS attachments_by_sha256 ON attachments(sha256);

-- Also for rows deleted by a cascade (a plan's nodes), and with the same clock format as the services (ISO, ms, Z).
CREATE TRIGGER attachments_follow_node_delete AFTER DELETE ON nodes BEGIN
  UPDATE attachments SET removed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE node_id = old.id AND removed_at IS NULL;
END;
