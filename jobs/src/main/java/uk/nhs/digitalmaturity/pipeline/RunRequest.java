package uk.nhs.digitalmaturity.pipeline;

import java.time.Duration;
import java.time.LocalDate;
import uk.nhs.digitalmaturity.config.PipelineConfig;

/**
 * What a run is asked to do: where, as at when, with which parameters. An immutable value, built once from
 * the command line.
 *
 * @param notebooks       write the notebooks export at the end ({@code run --no-notebooks}: not)
 * @param verifyChecksums read every landing file again to check its SHA-256, not only new or touched ones
 * @param rebuild         recompute every output table even where its fingerprint says it is current
 * @param waitForLock     how long to wait while another process holds the lakehouse ({@code --wait-for-lock})
 */
public record RunRequest(String landing, String lakehouse, LocalDate asAt, PipelineConfig config, String command,
                         boolean notebooks, boolean verifyChecksums, boolean rebuild, Duration waitForLock) {
    /** The nightly form: notebooks written, touched files re-hashed, unchanged tables kept, no wait for the lock. */
    public RunRequest(String landing, String lakehouse, LocalDate asAt, PipelineConfig config, String command) {
        this(landing, lakehouse, asAt, config, command, true, false, false, Duration.ZERO);
    }
}
