package uk.nhs.digitalmaturity.runrecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.nhs.digitalmaturity.failure.RunStatus;
import uk.nhs.digitalmaturity.ingest.IngestLedger;
import uk.nhs.digitalmaturity.model.OutputRecord;

/**
 * What one execution of a command did: enough for an auditor to re-run a published figure on the same
 * snapshots and parameters and to prove the result is the same.
 */
public record RunRecord(String runId, int execution, String command, Map<String, String> parameters,
                        LocalDate asAt, String codeVersion, String gitCommit, String landing, String lakehouse,
                        Instant startedAt, Instant endedAt, RunStatus status, int exitCode, String message,
                        List<IngestLedger.Entry> inputs, List<String> newlyIngested, List<OutputRecord> outputs,
                        Map<String, Long> quarantined) {
}
