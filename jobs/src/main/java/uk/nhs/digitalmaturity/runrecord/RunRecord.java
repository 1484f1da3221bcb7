package uk.nhs.digitalmaturity.runrecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.failure.PipelineFailure;
import uk.nhs.digitalmaturity.failure.RunStatus;
import uk.nhs.digitalmaturity.ingest.IngestLedger;
import uk.nhs.digitalmaturity.model.OutputRecord;

/**
 * What one execution of a command did: enough for an auditor to re-run a published figure on the same
 * snapshots and parameters and to prove the result is the same. Built with {@link #builder}: what the run
 * is (identity, parameters, code) is fixed at the start, what it did is added as it goes, and how it ended
 * last. The exit code is null while the execution runs (and stays so if it dies: the next run marks it
 * {@link RunStatus#ABANDONED}).
 */
public record RunRecord(Identity identity, Instant endedAt, RunStatus status, Integer exitCode, String message,
                        List<IngestLedger.Entry> inputs, List<String> newlyIngested, List<OutputRecord> outputs,
                        Map<String, Long> quarantined, List<PublishedFile> publication) {

    /** The identity of an execution: what does not change between its first record and its last. */
    public record Identity(String runId, int execution, String command, Map<String, String> parameters,
                           LocalDate asAt, String codeVersion, String gitCommit, String landing, String lakehouse,
                           Instant startedAt) {
    }

    public static Builder builder(Identity identity) {
        return new Builder(identity);
    }

    /** Collects what an execution did; {@link #running()}, {@link #ended} and {@link #failed} make the record. */
    public static final class Builder {
        private final Identity id;
        private List<IngestLedger.Entry> inputs = List.of();
        private List<String> newlyIngested = List.of();
        private List<OutputRecord> outputs = List.of();
        private Map<String, Long> quarantined = Map.of();
        private List<PublishedFile> publication = List.of();

        private Builder(Identity id) {
            this.id = id;
        }

        /** Every landing file visible at the as-at date. */
        public Builder inputs(List<IngestLedger.Entry> visible) {
            this.inputs = List.copyOf(visible);
            return this;
        }

        /** The files this execution ingested, and the rows it quarantined per bronze table. */
        public Builder ingested(List<String> files, Map<String, Long> quarantinedBySource) {
            this.newlyIngested = List.copyOf(files);
            this.quarantined = Map.copyOf(quarantinedBySource);
            return this;
        }

        public Builder outputs(List<OutputRecord> tables) {
            this.outputs = List.copyOf(tables);
            return this;
        }

        /** The publication pack's files as its manifest lists them (the pack may be one an earlier run wrote). */
        public Builder publication(List<PublishedFile> files) {
            this.publication = List.copyOf(files);
            return this;
        }

        /** The record written when the execution starts: no end time and no exit code until it ends. */
        public RunRecord running() {
            return build(null, RunStatus.RUNNING, null, null);
        }

        public RunRecord ended(Instant at, RunStatus status, String message) {
            return build(at, status, ExitCodes.OK, message);
        }

        public RunRecord failed(Instant at, PipelineFailure failure) {
            return build(at, failure.status(), failure.exitCode(), failure.getMessage());
        }

        private RunRecord build(Instant endedAt, RunStatus status, Integer exitCode, String message) {
            return new RunRecord(id, endedAt, status, exitCode, message, inputs, newlyIngested, outputs, quarantined,
                    publication);
        }
    }
}
