-- 0006: departments in the loop — forms issued to departments (进展填报表, 征求措施表), what came back from
-- them, and where a status event came from.

-- One row per form issued: which plan, which department, which measures (problems) at which version.
-- A returned form names its id in its hidden sheet; a form of the same department issued later makes
-- an earlier one stale.
CREATE TABLE forms (
  id          TEXT PRIMARY KEY,
  plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('progress', 'proposals')),
  department  TEXT NOT NULL,
  issued_on   TEXT NOT NULL,                         -- local date (YYYY-MM-DD) printed on the form
  due_on      TEXT,                                  -- 报送截止日期
  file_name   TEXT NOT NULL,
  rows        TEXT NOT NULL DEFAULT '[]',            -- JSON: [{ id, version }] as issued
  created_at  TEXT NOT NULL                          -- the instant of issue (orders forms of one department)
) STRICT;
CREATE INDEX forms_by_department ON forms(plan_id, kind, department, created_at);

-- One row per returned form row applied: the same file applied again is recognised and changes nothing,
-- and a later return of the same form is compared with the measure as this one left it.
-- form_id is not a foreign key: a form issued on another computer (the plan moved in a package) may
-- come back here.
CREATE TABLE form_returns (
  id             INTEGER PRIMARY KEY,
  form_id        TEXT NOT NULL,
  plan_id        TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  row_key        TEXT NOT NULL,                      -- the measure id (progress) or problem + row (proposals)
  content_hash   TEXT NOT NULL,                      -- what the department wrote in the row
  node_id        TEXT,                               -- the measure it changed, created or linked
  version_after  TEXT,                               -- the measure's version right after
  file_name      TEXT NOT NULL,
  applied_at     TEXT NOT NULL
) STRICT;
CREATE INDEX form_returns_by_row ON form_returns(form_id, row_key);

-- 部门报送：办公室，文件名，填报人，日期 — who reported a status event, when it came from a returned form.
ALTER TABLE status_events ADD COLUMN source TEXT;
