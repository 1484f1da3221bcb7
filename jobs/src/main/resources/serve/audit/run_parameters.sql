-- audit.run_parameters: every analysis parameter of every execution, one row each.
CREATE VIEW audit.run_parameters (
  run_id COMMENT 'The run (audit.runs)',
  execution COMMENT 'The execution of that run',
  parameter COMMENT 'Parameter name, as in pipeline-defaults.yaml',
  value COMMENT 'Value used'
) COMMENT 'The analysis parameters each execution used (price base year, Figure 7 window, comparison dates and the rest).'
AS SELECT run_id, execution, p.key, p.value
FROM delta.`${runs}` LATERAL VIEW explode(parameters) p AS key, value;
