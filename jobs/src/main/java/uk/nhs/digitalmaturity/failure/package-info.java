/**
 * How a command ends: the exit codes schedulers branch on, the run statuses of {@code ops.runs}, and the
 * failures that carry both. The lowest package: every stage may throw these, none of them knows a stage.
 */
package uk.nhs.digitalmaturity.failure;
