package uk.nhs.digitalmaturity.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.pipeline.Verification;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/** {@code nhs-digital verify RUN_ID}: recomputes a run's publication pack from bronze and compares it file by file. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recomputes, in a scratch folder, every table a run published, from the bronze rows of exactly",
                "the landing files it recorded, with its as-at date and parameters, and compares each file of the",
                "pack with the SHA-256 the run recorded. Works after the landing zone is purged; only reads the",
                "lakehouse. Exit 0: every file identical; 6: some differ (each named, with the first keys);",
                "7: this build's code version is not the run's (see --allow-code-change)."})
public class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (`nhs-digital runs` lists them)")
    String runId;

    @Option(names = "--lakehouse", defaultValue = "lakehouse", description = "Lakehouse folder (default: ${DEFAULT-VALUE})")
    String lakehouse;

    @Option(names = "--execution", paramLabel = "N", description = "Which execution of the run (default: its latest that "
            + "ended SUCCEEDED or NOTHING_TO_DO)")
    Integer execution;

    @Option(names = "--allow-code-change", description = {"Recompute even when this build's code version is not the",
            "run's, and report which files and tables the code changed (exit 6 if any)"})
    boolean allowCodeChange;

    @Option(names = "--scratch", paramLabel = "DIR", description = {"Where to recompute; must not exist (default: a new",
            "temporary folder). Deleted after a verified run, kept after a difference"})
    String scratch;

    @Option(names = "--keep-scratch", description = "Keep the scratch lakehouse after a verified run too")
    boolean keepScratch;

    @Override
    public Integer call() {
        SparkSession spark = SparkSessions.getOrCreate(PipelineConfig.load(null));
        try {
            return new Verification(spark, new Verification.Request(lakehouse, runId, execution, scratch,
                    allowCodeChange, keepScratch), new Progress(System.out)).execute();
        } catch (Verification.Refused e) {
            spec.commandLine().getErr().println("usage: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
