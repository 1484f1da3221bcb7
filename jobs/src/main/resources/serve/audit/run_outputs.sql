-- audit.run_outputs: each table an execution left, with the Delta version to read it as of that run.
CREATE VIEW audit.run_outputs (
  run_id COMMENT 'The run (audit.runs)',
  execution COMMENT 'The execution of that run',
  status COMMENT 'The execution\'s status (audit.runs)',
  as_at COMMENT 'The execution\'s reporting date',
  started_at COMMENT 'When the execution started (UTC)',
  code_version COMMENT 'Release and digest of the metric code',
  git_commit COMMENT 'Commit the code was built from',
  table_name COMMENT 'Output table (reporting.X)',
  delta_version COMMENT 'Delta version of the table this execution left: SELECT ... FROM reporting.X VERSION AS OF it',
  rows COMMENT 'Rows in that version',
  recomputed COMMENT 'True when this execution rebuilt the table; false when its inputs were unchanged',
  fingerprint COMMENT 'Digest of the inputs, parameters and code the table was computed from'
) COMMENT 'Every reporting table of every execution, with the Delta version it left (from ops.runs): the version behind a published number.'
AS SELECT run_id, execution, status, as_at, started_at, code_version, git_commit, o.table, o.delta_version,
  o.rows, o.recomputed, o.fingerprint
FROM delta.`${runs}` LATERAL VIEW explode(outputs) t AS o
WHERE o.table LIKE 'reporting.%';
