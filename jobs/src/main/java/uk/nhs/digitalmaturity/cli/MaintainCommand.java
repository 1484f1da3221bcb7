package uk.nhs.digitalmaturity.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.pipeline.Maintenance;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/** {@code nhs-digital maintain}: weekly housekeeping of the lakehouse's Delta tables, never changing their data. */
@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = {"Compacts the small files of the tables that grow by appends (bronze, restricted, ops), writes",
                "a checkpoint of every table and VACUUMs it with its own retention (7 years), so that time travel",
                "to any recorded run keeps working. Holds the lakehouse's lock; recorded in ops.runs as MAINTAINED."})
public class MaintainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--lakehouse", defaultValue = "lakehouse", description = "Lakehouse folder (default: ${DEFAULT-VALUE})")
    String lakehouse;

    @Option(names = "--retain", paramLabel = "DAYS", description = {
            "Keep deleted files this many days (default: each table's own delta.deletedFileRetentionDuration);",
            "shorter than a table's own is refused (exit 2): it would break time travel"})
    Double retainDays;

    @Option(names = "--wait-for-lock", paramLabel = "SECONDS", defaultValue = "0", description = {
            "While a run holds the lakehouse, wait up to SECONDS for it (default: ${DEFAULT-VALUE}, do not wait);",
            "still held after that: exit 5, naming the holder"})
    long waitForLock;

    @Override
    public Integer call() {
        if (waitForLock < 0) {
            return usage("--wait-for-lock must be 0 or more seconds, not " + waitForLock);
        }
        if (retainDays != null && !(retainDays > 0)) {
            return usage("--retain must be a positive number of days, not " + retainDays);
        }
        PipelineConfig config = PipelineConfig.load(null);
        SparkSession spark = SparkSessions.getOrCreate(config);
        if (!DeltaTables.exists(spark, new org.apache.hadoop.fs.Path(lakehouse, "ops/runs").toString())) {
            return usage("no lakehouse at " + lakehouse + " (no ops/runs): run `nhs-digital run` first, or give --lakehouse");
        }
        // picocli's original arguments start with the subcommand's name when it was given on the command line
        String args = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String command = args.startsWith("maintain") ? args : ("maintain " + args).trim();
        try {
            return new Maintenance(spark, config, new Maintenance.Request(lakehouse, retainDays, command,
                    Duration.ofSeconds(waitForLock)), new Progress(System.out)).execute();
        } catch (Maintenance.RetentionTooShort e) {
            return usage(e.getMessage());
        }
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("usage: " + message);
        return ExitCodes.USAGE;
    }
}
