package uk.nhs.digitalmaturity.cli;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.notebooks.NotebookExport;
import uk.nhs.digitalmaturity.notebooks.RunInfo;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/**
 * {@code nhs-digital export-notebooks}: the Jupyter notebooks of a lakehouse's latest successful run (or its
 * latest as at a date), one per figure of the NAO report, read from the tables as that run left them.
 */
@Command(name = "export-notebooks", mixinStandardHelpOptions = true,
        description = {"Writes one Jupyter notebook per figure (and an index) from the reporting tables of the",
                "lakehouse's latest successful run: its SQL, the result table, the chart, and the run that made it."})
public class ExportNotebooksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--lakehouse", defaultValue = "lakehouse", description = "Lakehouse folder (default: ${DEFAULT-VALUE})")
    String lakehouse;

    @Option(names = "--as-at", description = "Export the latest successful run as at this date, YYYY-MM-DD (default: the latest run)")
    LocalDate asAt;

    @Option(names = "--out", description = "Folder to write (default: <lakehouse>/notebooks/<as-at>); "
            + "--out notebooks-export refreshes the committed copy")
    String out;

    @Override
    public Integer call() {
        SparkSession spark = SparkSessions.getOrCreate(PipelineConfig.load(null));
        Lakehouse lake = Lakehouse.existing(spark.sparkContext().hadoopConfiguration(), lakehouse);
        Optional<RunInfo> run = lake == null ? Optional.empty() : RunInfo.latest(spark, lake, asAt);
        if (run.isEmpty()) {
            spec.commandLine().getErr().println("usage: no successful run in " + lakehouse
                    + (asAt == null ? "" : " as at " + asAt) + " (ops/runs): run `nhs-digital run` first");
            return ExitCodes.USAGE;
        }
        String folder = out != null ? out : lake.notebooksPath(run.get().asAt());
        String foreign = NotebookExport.foreignFile(spark, folder);
        if (foreign != null) {
            spec.commandLine().getErr().println("usage: will not replace " + folder + ": it holds " + foreign
                    + ", which is not a notebook; choose another --out");
            return ExitCodes.USAGE;
        }
        Map<String, String> files = new NotebookExport(spark, lake, run.get()).write(folder);
        new Progress(System.out).line("notebooks %s: %d notebooks of run %s as at %s", folder, files.size(),
                run.get().runId(), run.get().asAt());
        return ExitCodes.OK;
    }
}
