package uk.nhs.digitalmaturity.silver;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.ingest.IngestLedger;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * What every step of a run shares: the session, the parameters, and the identity of the run.
 *
 * @param codeVersion the metric code's identity (release and a digest of sql/), stamped on publications
 * @param gitCommit   the commit the jar was built from, for run records and Delta commit metadata
 * @param visibleInputs every ingested landing file with a snapshot on or before the as-at date
 */
public record RunContext(SparkSession spark, PipelineConfig config, LocalDate asAt, String runId,
                         String codeVersion, String gitCommit, Lakehouse lakehouse, DeltaTables delta,
                         Progress progress, List<IngestLedger.Entry> visibleInputs) {

    /** The date at which organisations are folded and trusts are current: the as-at date unless fixed earlier. */
    public LocalDate organisationsAt() {
        return config.organisationsAt(asAt);
    }

    public Map<String, Object> sqlParameters() {
        return config.sqlParameters(asAt);
    }
}
