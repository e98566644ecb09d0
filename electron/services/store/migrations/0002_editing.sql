-- 0002: server-side undo/redo for the editor, and word search over measures (reuse a measure).

-- One row per undoable edit: the row-level before/after of everything the edit touched, so undo and
-- redo cover text and structure alike and survive a reload. Undone rows stay until a new edit.
CREATE TABLE edit_history (
  id          INTEGER PRIMARY KEY,
  plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  label       TEXT NOT NULL,                         -- 修改措施 / 移动节点 / 恢复历史版本 … (what the user reads)
  merge_key   TEXT,                                  -- consecutive typing in one field merges into one step
  diff        TEXT NOT NULL,                         -- JSON: [{ t: table, k: key, b: row before | null, a: row after | null }]
  undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX edit_history_by_plan ON edit_history(plan_id, undone, id);

-- Trigram index over measure texts (heading + body). Queries of fewer than 3 characters cannot use
-- trigrams: the service sends those to instr() on the nodes table instead.
-- rowid = nodes.rowid; node_id is kept so a lookup can verify the pairing.
CREATE VIRTUAL TABLE measure_fts USING fts5(node_id UNINDEXED, plan_id UNINDEXED, text, tokenize = 'trigram');

CREATE TRIGGER measure_fts_insert AFTER INSERT ON nodes WHEN new.kind = 'measure' BEGIN
  INSERT INTO measure_fts (rowid, node_id, plan_id, text)
  VALUES (new.rowid, new.id, new.plan_id, new.heading || char(10) || coalesce((SELECT group_concat(value, char(10)) FROM json_each(new.body)), ''));
END;

CREATE TRIGGER measure_fts_update AFTER UPDATE OF kind, heading, body ON nodes BEGIN
  DELETE FROM measure_fts WHERE rowid = old.rowid;
  INSERT INTO measure_fts (rowid, node_id, plan_id, text)
  SELECT new.rowid, new.id, new.plan_id, new.heading || char(10) || coalesce((SELECT group_concat(value, char(10)) FROM json_each(new.body)), '')
  WHERE new.kind = 'measure';
END;

CREATE TRIGGER measure_fts_delete AFTER DELETE ON nodes BEGIN
  DELETE FROM measure_fts WHERE rowid = old.rowid;
END;

INSERT INTO measure_fts (rowid, node_id, plan_id, text)
SELECT n.rowid, n.id, n.plan_id, n.heading || char(10) || coalesce((SELECT group_concat(value, char(10)) FROM json_each(n.body)), '')
FROM nodes n WHERE n.kind = 'measure';
