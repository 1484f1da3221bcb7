package uk.nhs.digitalmaturity.cli;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.model.OutputRecord;
import uk.nhs.digitalmaturity.publish.TableExport;
import uk.nhs.digitalmaturity.runrecord.RunHistory;
import uk.nhs.digitalmaturity.serve.ReadOnlySession;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/**
 * {@code nhs-digital export --run}: a reporting table exactly as a run left it, read by Delta time travel at the
 * version that run recorded in {@code ops.runs}, to one CSV or Parquet file. Only {@code reporting.*}: restricted
 * and bronze tables hold row-level and trust-level data that is never published.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a reporting table as a run left it (the Delta version recorded in ops.runs) to one",
                "file: CSV (header, unrounded values, rows sorted) or Parquet. Refuses to replace a file unless --force."})
public class ExportCommand implements Callable<Integer> {
    private static final Pattern REPORTING_TABLE = Pattern.compile(Zone.REPORTING.database() + "\\.([a-z0-9_]+)");

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run (`nhs-digital runs` lists them)")
    String runId;

    @Option(names = "--execution", paramLabel = "N", description = "Which execution of the run (default: its latest that ended "
            + "SUCCEEDED or NOTHING_TO_DO)")
    Integer execution;

    @Option(names = "--table", required = true, paramLabel = "reporting.X", description = "The reporting table, e.g. reporting.dspt_summary")
    String table;

    @Option(names = "--format", defaultValue = "csv", description = "csv or parquet (one file); default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write")
    String out;

    @Option(names = "--force", description = "Replace FILE if it exists")
    boolean force;

    @Option(names = "--lakehouse", defaultValue = "lakehouse", description = "Lakehouse folder (default: ${DEFAULT-VALUE})")
    String lakehouse;

    @Override
    public Integer call() throws IOException {
        var name = REPORTING_TABLE.matcher(table);
        if (!name.matches()) {
            return usage("export writes reporting.* tables only, not " + table
                    + " (restricted and bronze tables are never published)");
        }
        String kind = format.toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("parquet")) {
            return usage("--format must be csv or parquet, not " + format);
        }
        Lakehouse lake = ReadOnlySession.existing(lakehouse);
        if (lake == null) {
            return usage("no lakehouse at " + lakehouse + ": run `nhs-digital run` first, or give --lakehouse");
        }
        SparkSession spark = SparkSessions.getOrCreate(PipelineConfig.load(null));
        TableExport export = new TableExport(spark);
        if (!force && export.exists(out)) {
            return usage(out + " exists: give --force to replace it, or another --out");
        }
        Optional<RunHistory> history = RunHistory.read(spark, lake);
        if (history.isEmpty() || history.get().latestExecution(runId).isEmpty()) {
            return usage("no run " + runId + " in " + lakehouse + " (`nhs-digital runs` lists them)");
        }
        Optional<Integer> n = execution != null ? Optional.of(execution) : history.get().latestGoodExecution(runId);
        if (n.isEmpty()) {
            return usage("run " + runId + " has no execution that ended SUCCEEDED or NOTHING_TO_DO; give --execution N "
                    + "(`nhs-digital runs " + runId + "`)");
        }
        Optional<OutputRecord> left = history.get().output(runId, n.get(), table);
        if (left.isEmpty()) {
            return usage("run " + runId + " (execution " + n.get() + ") recorded no table " + table);
        }
        Dataset<Row> asLeft = spark.read().format("delta").option("versionAsOf", left.get().deltaVersion())
                .load(lake.tablePath(Zone.REPORTING, name.group(1)));
        long rows = asLeft.count();
        if (rows != left.get().rows()) {
            // the version read is not what the run recorded (a table rewritten by hand?): hand over nothing
            throw new IllegalStateException(table + " at Delta version " + left.get().deltaVersion() + " has " + rows
                    + " rows, but run " + runId + " recorded " + left.get().rows() + "; nothing written");
        }
        if (kind.equals("csv")) {
            export.csv(asLeft, out);
        } else {
            export.parquet(asLeft, out);
        }
        new Progress(System.out).line("export %s as run %s (execution %d) left it: Delta version %d, %d rows -> %s",
                table, runId, n.get(), left.get().deltaVersion(), rows, out);
        return ExitCodes.OK;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("usage: " + message);
        return ExitCodes.USAGE;
    }
}
