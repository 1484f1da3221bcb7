-- audit.runs: one row per execution of the pipeline, newest first when ordered by started_at.
CREATE VIEW audit.runs (
  run_id COMMENT 'Identity of the computation: same inputs, parameters and metric code give the same run_id',
  execution COMMENT '1 for the first execution of this run_id, 2 for the next, and so on',
  status COMMENT 'RUNNING, SUCCEEDED, NOTHING_TO_DO, CONTRACT_VIOLATION, DATA_TEST_FAILED, FAILED, MAINTAINED (maintain: no data changed) or ABANDONED',
  exit_code COMMENT 'Process exit code (README, "Exit codes"); null while running and for ABANDONED',
  as_at COMMENT 'Reporting date: only snapshots dated on or before it were read',
  started_at COMMENT 'When the execution started (UTC)',
  ended_at COMMENT 'When it ended (UTC); null while running and for ABANDONED',
  command COMMENT 'Command line (subcommand and options)',
  code_version COMMENT 'Release and digest of the metric code',
  git_commit COMMENT 'Commit the code was built from',
  input_files COMMENT 'Landing files visible at as_at (audit.run_inputs lists them)',
  output_tables COMMENT 'Output tables recorded (audit.run_outputs lists them with their Delta versions)',
  quarantined_rows COMMENT 'Rows quarantined, all sources together',
  message COMMENT 'Why it failed, or what it did'
) COMMENT 'Every execution of the pipeline (from ops.runs): status, as-at date, code version and git commit. Find the run behind a published number here, then its table versions in audit.run_outputs.'
AS SELECT run_id, execution, status, exit_code, as_at, started_at, ended_at, command, code_version, git_commit,
  size(inputs) AS input_files, size(outputs) AS output_tables,
  aggregate(map_values(quarantined), 0L, (total, n) -> total + n) AS quarantined_rows, message
FROM delta.`${runs}`;
