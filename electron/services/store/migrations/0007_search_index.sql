-- 0007: search over everything (the top bar's 搜索): plan titles and opening paragraphs, headings and
-- bodies, measure fields, problems, progress notes and evidence names, in one trigram index so one
-- bm25 ranks them all. Queries of 3+ characters use it; 1–2 characters cannot form a trigram and go
-- to instr() on the base tables instead (engineering-notes §3), so this index never needs LIKE.
--
-- One row per (source row, field). rowid = source rowid × 32 + field code, so a trigger finds a source
-- row's entries by rowid range (FTS5 looks rowids up directly) rather than by scanning:
--   plans 1 title, 2 preamble · nodes 3 heading, 4 body · measures 5 leader, 6 department,
--   7 cooperating, 8 person, 9 deadline, 10 statusText · problems 11 problem, 12 category ·
--   status_events 13 progress · attachments 14 evidence, 15 evidenceNote
-- A hit reads only its own row: `ref` names the source row, `node_id` the node it opens (the measure of a
-- field, note or file), `plan_id` its plan; the rowid serves the triggers alone.
-- A later migration that rebuilds one of these tables drops its triggers with it and must create them
-- again (test/integration/workbench/search.test.ts lists all eighteen).
CREATE VIRTUAL TABLE search_fts USING fts5(
  text,
  plan_id UNINDEXED,
  ref UNINDEXED,
  node_id UNINDEXED,
  field UNINDEXED,
  tokenize = 'trigram'
);

-- plans ---------------------------------------------------------------------------------------
CREATE TRIGGER search_plans_insert AFTER INSERT ON plans BEGIN
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + 1, new.title, new.id, new.id, NULL, 'title' WHERE new.title <> ''
  UNION ALL
  SELECT new.rowid * 32 + 2, t, new.id, new.id, NULL, 'preamble'
  FROM (SELECT group_concat(value, char(10)) AS t FROM json_each(new.preamble)) WHERE coalesce(t, '') <> '';
END;

CREATE TRIGGER search_plans_update AFTER UPDATE OF title, preamble ON plans BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 1 AND old.rowid * 32 + 2;
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + 1, new.title, new.id, new.id, NULL, 'title' WHERE new.title <> ''
  UNION ALL
  SELECT new.rowid * 32 + 2, t, new.id, new.id, NULL, 'preamble'
  FROM (SELECT group_concat(value, char(10)) AS t FROM json_each(new.preamble)) WHERE coalesce(t, '') <> '';
END;

CREATE TRIGGER search_plans_delete AFTER DELETE ON plans BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 1 AND old.rowid * 32 + 2;
END;

-- nodes ---------------------------------------------------------------------------------------
CREATE TRIGGER search_nodes_insert AFTER INSERT ON nodes BEGIN
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + 3, new.heading, new.plan_id, new.id, new.id, 'heading' WHERE new.heading <> ''
  UNION ALL
  SELECT new.rowid * 32 + 4, t, new.plan_id, new.id, new.id, 'body'
  FROM (SELECT group_concat(value, char(10)) AS t FROM json_each(new.body)) WHERE coalesce(t, '') <> '';
END;

CREATE TRIGGER search_nodes_update AFTER UPDATE OF heading, body, plan_id ON nodes BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 3 AND old.rowid * 32 + 4;
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + 3, new.heading, new.plan_id, new.id, new.id, 'heading' WHERE new.heading <> ''
  UNION ALL
  SELECT new.rowid * 32 + 4, t, new.plan_id, new.id, new.id, 'body'
  FROM (SELECT group_concat(value, char(10)) AS t FROM json_each(new.body)) WHERE coalesce(t, '') <> '';
END;

CREATE TRIGGER search_nodes_delete AFTER DELETE ON nodes BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 3 AND old.rowid * 32 + 4;
END;

-- measures ------------------------------------------------------------------------------------
CREATE TRIGGER search_measures_insert AFTER INSERT ON measures BEGIN
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + code, text, (SELECT plan_id FROM nodes WHERE id = new.node_id), new.node_id, new.node_id, field
  FROM (
    SELECT 5 AS code, new.leader AS text, 'leader' AS field
    UNION ALL SELECT 6, new.department, 'department'
    UNION ALL SELECT 7, (SELECT group_concat(value, '、') FROM json_each(new.cooperating)), 'cooperating'
    UNION ALL SELECT 8, new.person, 'person'
    UNION ALL SELECT 9, new.deadline_raw, 'deadline'
    UNION ALL SELECT 10, new.status_text, 'statusText'
  ) WHERE coalesce(text, '') <> '';
END;

CREATE TRIGGER search_measures_update AFTER UPDATE OF leader, department, cooperating, person, deadline_raw, status_text, node_id ON measures BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 5 AND old.rowid * 32 + 10;
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + code, text, (SELECT plan_id FROM nodes WHERE id = new.node_id), new.node_id, new.node_id, field
  FROM (
    SELECT 5 AS code, new.leader AS text, 'leader' AS field
    UNION ALL SELECT 6, new.department, 'department'
    UNION ALL SELECT 7, (SELECT group_concat(value, '、') FROM json_each(new.cooperating)), 'cooperating'
    UNION ALL SELECT 8, new.person, 'person'
    UNION ALL SELECT 9, new.deadline_raw, 'deadline'
    UNION ALL SELECT 10, new.status_text, 'statusText'
  ) WHERE coalesce(text, '') <> '';
END;

CREATE TRIGGER search_measures_delete AFTER DELETE ON measures BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 5 AND old.rowid * 32 + 10;
END;

-- problems ------------------------------------------------------------------------------------
CREATE TRIGGER search_problems_insert AFTER INSERT ON problems BEGIN
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + 11, new.text, new.plan_id, new.id, NULL, 'problem' WHERE new.text <> ''
  UNION ALL
  SELECT new.rowid * 32 + 12, new.category, new.plan_id, new.id, NULL, 'category' WHERE coalesce(new.category, '') <> '';
END;

CREATE TRIGGER search_problems_update AFTER UPDATE OF text, category, plan_id ON problems BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 11 AND old.rowid * 32 + 12;
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + 11, new.text, new.plan_id, new.id, NULL, 'problem' WHERE new.text <> ''
  UNION ALL
  SELECT new.rowid * 32 + 12, new.category, new.plan_id, new.id, NULL, 'category' WHERE coalesce(new.category, '') <> '';
END;

CREATE TRIGGER search_problems_delete AFTER DELETE ON problems BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 11 AND old.rowid * 32 + 12;
END;

-- status_events: progress notes, deadline-change reasons, 销号 notes ---------------------------
CREATE TRIGGER search_events_insert AFTER INSERT ON status_events WHEN coalesce(new.note, '') <> '' BEGIN
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  VALUES (new.id * 32 + 13, new.note, (SELECT plan_id FROM nodes WHERE id = new.node_id), CAST(new.id AS TEXT), new.node_id, 'progress');
END;

CREATE TRIGGER search_events_update AFTER UPDATE OF note, node_id ON status_events BEGIN
  DELETE FROM search_fts WHERE rowid = old.id * 32 + 13;
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.id * 32 + 13, new.note, (SELECT plan_id FROM nodes WHERE id = new.node_id), CAST(new.id AS TEXT), new.node_id, 'progress'
  WHERE coalesce(new.note, '') <> '';
END;

CREATE TRIGGER search_events_delete AFTER DELETE ON status_events BEGIN
  DELETE FROM search_fts WHERE rowid = old.id * 32 + 13;
END;

-- attachments: only those not removed (a removed file is found again once undo restores it) -------
CREATE TRIGGER search_attachments_insert AFTER INSERT ON attachments WHEN new.removed_at IS NULL BEGIN
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + 14, new.original_name, (SELECT plan_id FROM nodes WHERE id = new.node_id), new.id, new.node_id, 'evidence'
  WHERE new.original_name <> ''
  UNION ALL
  SELECT new.rowid * 32 + 15, new.note, (SELECT plan_id FROM nodes WHERE id = new.node_id), new.id, new.node_id, 'evidenceNote'
  WHERE coalesce(new.note, '') <> '';
END;

CREATE TRIGGER search_attachments_update AFTER UPDATE OF original_name, note, removed_at, node_id ON attachments BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 14 AND old.rowid * 32 + 15;
  INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
  SELECT new.rowid * 32 + 14, new.original_name, (SELECT plan_id FROM nodes WHERE id = new.node_id), new.id, new.node_id, 'evidence'
  WHERE new.removed_at IS NULL AND new.original_name <> ''
  UNION ALL
  SELECT new.rowid * 32 + 15, new.note, (SELECT plan_id FROM nodes WHERE id = new.node_id), new.id, new.node_id, 'evidenceNote'
  WHERE new.removed_at IS NULL AND coalesce(new.note, '') <> '';
END;

CREATE TRIGGER search_attachments_delete AFTER DELETE ON attachments BEGIN
  DELETE FROM search_fts WHERE rowid BETWEEN old.rowid * 32 + 14 AND old.rowid * 32 + 15;
END;

-- The index for what the workbook already holds --------------------------------------------------
INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT p.rowid * 32 + 1, p.title, p.id, p.id, NULL, 'title' FROM plans p WHERE p.title <> '';
INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT rid * 32 + 2, t, id, id, NULL, 'preamble'
FROM (SELECT p.rowid AS rid, p.id AS id, (SELECT group_concat(value, char(10)) FROM json_each(p.preamble)) AS t FROM plans p)
WHERE coalesce(t, '') <> '';

INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT n.rowid * 32 + 3, n.heading, n.plan_id, n.id, n.id, 'heading' FROM nodes n WHERE n.heading <> '';
INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT rid * 32 + 4, t, plan_id, id, id, 'body'
FROM (SELECT n.rowid AS rid, n.id AS id, n.plan_id AS plan_id, (SELECT group_concat(value, char(10)) FROM json_each(n.body)) AS t FROM nodes n)
WHERE coalesce(t, '') <> '';

INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT rid * 32 + code, text, plan_id, node_id, node_id, field
FROM (
  SELECT m.rowid AS rid, m.node_id AS node_id, n.plan_id AS plan_id, 5 AS code, m.leader AS text, 'leader' AS field FROM measures m JOIN nodes n ON n.id = m.node_id
  UNION ALL SELECT m.rowid, m.node_id, n.plan_id, 6, m.department, 'department' FROM measures m JOIN nodes n ON n.id = m.node_id
  UNION ALL SELECT m.rowid, m.node_id, n.plan_id, 7, (SELECT group_concat(value, '、') FROM json_each(m.cooperating)), 'cooperating' FROM measures m JOIN nodes n ON n.id = m.node_id
  UNION ALL SELECT m.rowid, m.node_id, n.plan_id, 8, m.person, 'person' FROM measures m JOIN nodes n ON n.id = m.node_id
  UNION ALL SELECT m.rowid, m.node_id, n.plan_id, 9, m.deadline_raw, 'deadline' FROM measures m JOIN nodes n ON n.id = m.node_id
  UNION ALL SELECT m.rowid, m.node_id, n.plan_id, 10, m.status_text, 'statusText' FROM measures m JOIN nodes n ON n.id = m.node_id
)
WHERE coalesce(text, '') <> '';

INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT p.rowid * 32 + 11, p.text, p.plan_id, p.id, NULL, 'problem' FROM problems p WHERE p.text <> '';
INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT p.rowid * 32 + 12, p.category, p.plan_id, p.id, NULL, 'category' FROM problems p WHERE coalesce(p.category, '') <> '';

INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT e.id * 32 + 13, e.note, n.plan_id, CAST(e.id AS TEXT), e.node_id, 'progress'
FROM status_events e JOIN nodes n ON n.id = e.node_id WHERE coalesce(e.note, '') <> '';

INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT a.rowid * 32 + 14, a.original_name, n.plan_id, a.id, a.node_id, 'evidence'
FROM attachments a JOIN nodes n ON n.id = a.node_id WHERE a.removed_at IS NULL AND a.original_name <> '';
INSERT INTO search_fts (rowid, text, plan_id, ref, node_id, field)
SELECT a.rowid * 32 + 15, a.note, n.plan_id, a.id, a.node_id, 'evidenceNote'
FROM attachments a JOIN nodes n ON n.id = a.node_id WHERE a.removed_at IS NULL AND coalesce(a.note, '') <> '';
