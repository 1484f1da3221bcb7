-- audit.run_inputs: each landing file an execution read, with its snapshot and checksum.
CREATE VIEW audit.run_inputs (
  run_id COMMENT 'The run (audit.runs)',
  execution COMMENT 'The execution of that run',
  source COMMENT 'Contract source (finance_returns, workforce_staff, ...)',
  source_file COMMENT 'Landing file, relative to the landing zone',
  snapshot COMMENT 'Snapshot date of the folder the file sits in',
  sha256 COMMENT 'SHA-256 of the file as read',
  rows COMMENT 'Data rows in the file',
  valid_rows COMMENT 'Rows that passed validation',
  quarantined_rows COMMENT 'Rows quarantined, with a reason each',
  ingested_by_this_run COMMENT 'True when this execution ingested the file; false when an earlier one had'
) COMMENT 'Every landing file visible to an execution at its as-at date: snapshot, SHA-256 and row counts (from ops.runs).'
AS SELECT run_id, execution, i.source, i.source_file, i.snapshot, i.sha256, i.rows, i.valid_rows,
  i.quarantined_rows, i.ingested_by_this_run
FROM delta.`${runs}` LATERAL VIEW explode(inputs) t AS i;
