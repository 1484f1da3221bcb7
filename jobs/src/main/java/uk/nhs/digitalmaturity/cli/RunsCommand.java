package uk.nhs.digitalmaturity.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.runrecord.RunHistory;
import uk.nhs.digitalmaturity.serve.ReadOnlySession;
import uk.nhs.digitalmaturity.serve.ResultFormat;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/**
 * {@code nhs-digital runs}: the run history of {@code ops.runs}, newest first, or one run whole. It reads only:
 * it never takes the lakehouse's lock, so it answers while a run is under way.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"Lists the lakehouse's runs (ops.runs), newest first; with RUN_ID, shows one run whole: its",
                "parameters, code version, every input file and every output table with its Delta version.",
                "A run left RUNNING by a process that died shows as 'RUNNING (no live process: died?)'."})
public class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_ID", arity = "0..1", description = "Show this run whole (default: list the runs)")
    String runId;

    @Option(names = "--execution", paramLabel = "N", description = "With RUN_ID: which execution (default: the latest)")
    Integer execution;

    @Option(names = "--lakehouse", defaultValue = "lakehouse", description = "Lakehouse folder (default: ${DEFAULT-VALUE})")
    String lakehouse;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "List at most N executions (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--format", defaultValue = "table", description = {"table (aligned), csv or json (one object per line);",
            "default: ${DEFAULT-VALUE}. One run whole: table or json"})
    String format;

    @Override
    public Integer call() {
        ResultFormat as;
        try {
            as = ResultFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return usage("--format must be table, csv or json, not " + format);
        }
        if (limit < 1) {
            return usage("--limit must be 1 or more, not " + limit);
        }
        if (runId == null && execution != null) {
            return usage("--execution needs a RUN_ID");
        }
        if (runId != null && as == ResultFormat.CSV) {
            // one run is several tables (its line, parameters, inputs, outputs): one CSV cannot hold them
            return usage("one run whole is printed as table or json; for CSV, query audit.run_inputs or "
                    + "audit.run_outputs with `nhs-digital sql --format csv`");
        }
        Lakehouse lake = ReadOnlySession.existing(lakehouse);
        if (lake == null) {
            return usage("no lakehouse at " + lakehouse + ": run `nhs-digital run` first, or give --lakehouse");
        }
        SparkSession spark = SparkSessions.getOrCreate(PipelineConfig.load(null));
        Optional<RunHistory> history = RunHistory.read(spark, lake);
        if (history.isEmpty()) {
            return usage("no runs recorded in " + lakehouse + " (no ops/runs): run `nhs-digital run` first");
        }
        if (runId == null) {
            as.print(history.get().list(limit), System.out);
        } else {
            Optional<Integer> latest = history.get().latestExecution(runId);
            if (latest.isEmpty()) {
                return usage("no run " + runId + " in " + lakehouse + " (`nhs-digital runs` lists them)");
            }
            int n = execution != null ? execution : latest.get();
            if (n < 1 || n > latest.get()) {
                return usage("run " + runId + " has executions 1 to " + latest.get() + ", not " + n);
            }
            if (as == ResultFormat.JSON) {
                as.print(history.get().whole(runId, n), System.out);
            } else {
                printWhole(spark, history.get(), n);
            }
        }
        System.out.flush();
        return ExitCodes.OK;
    }

    /** The run's line as name and value, one per line, then its parameters, inputs, outputs and pack as tables. */
    private void printWhole(SparkSession spark, RunHistory history, int n) {
        Row header = history.header(runId, n).head();
        List<Row> fields = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            fields.add(RowFactory.create(header.schema().fields()[i].name(),
                    header.isNullAt(i) ? null : String.valueOf(header.get(i))));
        }
        StructType schema = new StructType().add("field", DataTypes.StringType).add("value", DataTypes.StringType);
        System.out.println("run " + runId + " (execution " + n + ")");
        ResultFormat.TABLE.print(spark.createDataFrame(fields, schema), System.out);
        section("parameters", history.parameters(runId, n));
        section("inputs", history.inputs(runId, n));
        section("outputs", history.outputs(runId, n));
        section("publication", history.publication(runId, n));
    }

    private static void section(String title, Dataset<Row> rows) {
        System.out.println();
        System.out.println(title);
        ResultFormat.TABLE.print(rows, System.out);
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("usage: " + message);
        return ExitCodes.USAGE;
    }
}
