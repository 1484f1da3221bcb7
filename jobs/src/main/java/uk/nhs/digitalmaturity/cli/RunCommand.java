package uk.nhs.digitalmaturity.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.pipeline.PipelineRun;
import uk.nhs.digitalmaturity.pipeline.RunRequest;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/** {@code nhs-digital run}: the nightly pipeline, landing → bronze → reporting. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Ingests new landing files into bronze, rebuilds the reporting tables they affect as at a date,",
                "and records the run. Re-running with nothing new does nothing and exits 0."})
public class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--landing", defaultValue = "sample-data", description = "Landing zone (default: ${DEFAULT-VALUE})")
    String landing;

    @Option(names = "--lakehouse", defaultValue = "lakehouse", description = "Lakehouse folder (default: ${DEFAULT-VALUE})")
    String lakehouse;

    @Option(names = "--as-at", description = "Reporting date YYYY-MM-DD: snapshots after it are ignored (default: today, UTC)")
    LocalDate asAt;

    @Option(names = "--organisations-as-at", paramLabel = "YYYY-MM-DD", description = {
            "Organisations date: trust-level tables fold predecessors into successors and decide which trusts are",
            "current as at this date, on or before --as-at (default: the as-at date; 2019-03-31 reproduces",
            "Figure 7 with the trusts as they stood). Snapshots read are still those up to --as-at"})
    LocalDate organisationsAsAt;

    @Option(names = "--price-base-year", description = "Financial year whose prices real terms are in (default 2018-19)")
    String priceBaseYear;

    @Option(names = "--window-start", description = "First financial year of the Figure 7 window (default 2013-14)")
    String windowStart;

    @Option(names = "--window-end", description = "Last financial year of the Figure 7 window (default 2018-19)")
    String windowEnd;

    @Option(names = "--reference-period", description = "Workforce month of the Figure 7 denominator, YYYY-MM (default 2018-12)")
    String referencePeriod;

    @Option(names = "--config", description = "YAML file overriding pipeline-defaults.yaml")
    Path config;

    @Option(names = "--no-notebooks", description = "Do not write the notebooks export into <lakehouse>/notebooks/<as-at>")
    boolean noNotebooks;

    @Option(names = "--verify-checksums", description = {"Read every landing file again and check its SHA-256 against",
            "the ledger (default: only new files and files whose size or modification time changed)"})
    boolean verifyChecksums;

    @Option(names = "--rebuild", description = {"Recompute every output table even where its inputs are unchanged",
            "(same results, new Delta versions); the benchmark times the reporting stage with it"})
    boolean rebuild;

    @Option(names = "--wait-for-lock", paramLabel = "SECONDS", defaultValue = "0", description = {
            "While another run holds the lakehouse, wait up to SECONDS for it (default: ${DEFAULT-VALUE}, do not wait);",
            "still held after that: exit 5, naming the holder"})
    long waitForLock;

    @Override
    public Integer call() {
        PipelineConfig parameters;
        LocalDate date = asAt != null ? asAt : LocalDate.now(ZoneOffset.UTC);
        try {
            parameters = PipelineConfig.load(config).with(priceBaseYear, windowStart, windowEnd, referencePeriod)
                    .withOrganisationsAsAt(organisationsAsAt);
            parameters.organisationsAt(date); // refuses an organisations date after the reporting date
            if (waitForLock < 0) {
                throw new IllegalArgumentException("--wait-for-lock must be 0 or more seconds, not " + waitForLock);
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("usage: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        SparkSession spark = SparkSessions.getOrCreate(parameters);
        // From nhs-digital, picocli's original arguments start with the subcommand's name ("run run …" was
        // recorded before); a RunCommand run on its own has only its options.
        String args = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String command = args.equals("run") || args.startsWith("run ") ? args : "run " + args;
        RunRequest request = new RunRequest(landing, lakehouse, date, parameters, command.trim(), !noNotebooks,
                verifyChecksums, rebuild, Duration.ofSeconds(waitForLock));
        return new PipelineRun(spark, request, new Progress(System.out)).execute();
    }
}
