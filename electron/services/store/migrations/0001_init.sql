-- 0001: the schema for the whole product. Later migrations only add to it.
-- Numbering markers (一、（一）1.) are never stored: they are derived from the outline.

CREATE TABLE plans (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  kind          TEXT NOT NULL DEFAULT 'blank',       -- plan kind / built-in template id
  template_id   TEXT,                                -- built-in or user template it came from
  org           TEXT,                                -- 单位
  year          INTEGER,                             -- 年度
  addressee     TEXT,                                -- 主送机关
  issuer        TEXT,                                -- 落款 (发文机关署名)
  doc_date      TEXT,                                -- 成文日期, as written
  preamble      TEXT NOT NULL DEFAULT '[]',          -- JSON array of paragraphs before the first section
  attachments   TEXT NOT NULL DEFAULT '[]',          -- JSON array: 附件说明 names
  variables     TEXT NOT NULL DEFAULT '{}',          -- JSON: template variables
  settings      TEXT NOT NULL DEFAULT '{}',          -- JSON: numbering and export settings
  status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'tracking', 'archived')),
  version       INTEGER NOT NULL DEFAULT 1,          -- bumped on every write; detects conflicting editors
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE nodes (
  id          TEXT PRIMARY KEY,
  plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  parent_id   TEXT REFERENCES nodes(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('section', 'measure', 'paragraph')),
  heading     TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL DEFAULT '[]',            -- JSON array of paragraphs
  style       TEXT NOT NULL DEFAULT '{}'             -- JSON style flags (level, standalone, bold)
) STRICT;
CREATE INDEX nodes_by_parent ON nodes(plan_id, parent_id, position);

CREATE TABLE measures (
  node_id        TEXT PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
  leader         TEXT,                               -- 责任领导
  department     TEXT,                               -- 责任部门
  cooperating    TEXT NOT NULL DEFAULT '[]',         -- JSON array: 配合部门
  person         TEXT,                               -- 责任人
  deadline_raw   TEXT,                               -- 完成时限, verbatim
  deadline_kind  TEXT CHECK (deadline_kind IN ('immediate', 'long_term', 'date', 'phased', 'periodic', 'relative', 'other')),
  deadline_date  TEXT,                               -- ISO date for sorting and warnings
  status         TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN
                   ('not_started', 'in_progress', 'ongoing', 'mostly_done', 'done', 'close_requested', 'closed', 'not_done', 'delayed')),
  status_text    TEXT,                               -- 整改情况 as written
  closed_by      TEXT,                               -- 销号 approver
  closed_on      TEXT                                -- 销号 date
) STRICT;

CREATE TABLE problems (
  id        TEXT PRIMARY KEY,
  plan_id   TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  key       TEXT NOT NULL,                           -- stable key within the plan document
  position  INTEGER NOT NULL,
  category  TEXT,                                    -- 问题类别 / 方面
  text      TEXT NOT NULL,
  UNIQUE (plan_id, key)
) STRICT;

CREATE TABLE problem_measures (
  problem_id  TEXT NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
  node_id     TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
  PRIMARY KEY (problem_id, node_id)
) STRICT;
CREATE INDEX problem_measures_by_node ON problem_measures(node_id);

CREATE TABLE status_events (
  id            INTEGER PRIMARY KEY,
  node_id       TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL DEFAULT 'status' CHECK (kind IN ('status', 'deadline', 'close')),
  on_date       TEXT NOT NULL,                       -- the date the user gives (YYYY-MM-DD)
  status        TEXT,
  note          TEXT,
  old_deadline  TEXT,                                -- 原时限
  new_deadline  TEXT,                                -- 现时限
  actor         TEXT,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX status_events_by_node ON status_events(node_id, id);

CREATE TABLE blobs (
  sha256      TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  mime        TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE attachments (
  id             TEXT PRIMARY KEY,
  node_id        TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
  sha256         TEXT NOT NULL REFERENCES blobs(sha256),
  original_name  TEXT NOT NULL,
  type           TEXT NOT NULL DEFAULT '其他',       -- 会议纪要, 制度文本, 印发文件, 照片 …
  doc_date       TEXT,
  note           TEXT,
  added_by       TEXT,
  added_at       TEXT NOT NULL,
  removed_at     TEXT                                -- soft delete: removing is undoable
) STRICT;
CREATE INDEX attachments_by_node ON attachments(node_id);

CREATE TABLE templates (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL,                        -- JSON template definition
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE phrases (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL DEFAULT '',              -- template kind it belongs to ('' = any)
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE people (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,                  -- 责任领导 / 责任人 as written (title + name)
  use_count   INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE departments (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  use_count   INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE revisions (
  id          INTEGER PRIMARY KEY,
  plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  reason      TEXT NOT NULL,                         -- 保存 / 导入前 / 导出前 / 批量修改前 / 恢复前
  snapshot    TEXT NOT NULL                          -- JSON PlanDocument with node ids
) STRICT;
CREATE INDEX revisions_by_plan ON revisions(plan_id, id);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL                               -- JSON
) STRICT;
