package uk.nhs.digitalmaturity.silver;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * @param organisationsChanged the last change to the organisations on or before the organisations date
 *                      ({@link OrganisationGraph#lastChangeOnOrBefore}); empty when there is none
 */
public record RunContext(SparkSession spark, PipelineConfig config, LocalDate asAt, String runId,
                         String codeVersion, String gitCommit, Lakehouse lakehouse, DeltaTables delta,
                         Progress progress, List<IngestLedger.Entry> visibleInputs,
                         Optional<LocalDate> organisationsChanged) {

    /** The date at which organisations are folded and trusts are current: the as-at date unless fixed earlier. */
    public LocalDate organisationsAt() {
        return config.organisationsAt(asAt);
    }

    /**
     * This run's context with another as-at date, everything else the same: what a result's fingerprint would
     * have been as at that date (the last run's) from this run's inputs.
     */
    public RunContext atDate(LocalDate date) {
        return new RunContext(spark, config, date, runId, codeVersion, gitCommit, lakehouse, delta, progress,
                visibleInputs, organisationsChanged);
    }

    public Map<String, Object> sqlParameters() {
        return config.sqlParameters(asAt);
    }

    /**
     * The parameters a result's contents depend on, as text for its fingerprint: {@link PipelineConfig#describe}
     * with the as-at date replaced by what it decides. A snapshot's visibility is in the fingerprint already (the
     * visible landing files); the configured dates are those the date lets through ({@link ReportDates#seenAt});
     * the organisations date is the last change to the organisations on or before it. The date itself stays
     * only for a result that {@code showsTheReportingDate} (reads {@code :as_at} or {@link ReportDates#VIEW}),
     * so a nightly run as at today, with nothing new, rebuilds only those.
     */
    public Map<String, String> resultParameters(boolean showsTheReportingDate) {
        Map<String, String> parameters = new TreeMap<>(config.describe(asAt));
        if (!showsTheReportingDate) {
            parameters.remove("as_at");
        }
        parameters.put("organisations_as_at", "last changed " + organisationsChanged.map(LocalDate::toString)
                .orElse("never"));
        parameters.putAll(ReportDates.seenAt(config, asAt));
        return parameters;
    }
}
