package uk.nhs.digitalmaturity.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import uk.nhs.digitalmaturity.failure.PipelineFailure;
import uk.nhs.digitalmaturity.failure.UnexpectedFailure;

/** The launcher's entry point: one command with a subcommand per job. */
@Command(name = "nhs-digital",
        mixinStandardHelpOptions = true,
        versionProvider = CodeVersionProvider.class,
        description = "The national digital-maturity reporting pipeline for the NHS in England.",
        subcommands = {
                RunCommand.class,
                GenerateSampleCommand.class,
                ImportCommand.class,
                ExportNotebooksCommand.class,
                ServeCommand.class,
                SqlCommand.class,
                RunsCommand.class,
                ExportCommand.class,
                VerifyCommand.class,
                MaintainCommand.class,
                uk.nhs.digitalmaturity.benchmark.BenchCommand.class,
                CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (including a run that found nothing new)",
                "1:unexpected failure",
                "2:usage error (for sql: a statement refused, not understood, or naming what is not served; for runs, export and verify: an unknown run; for maintain: a --retain shorter than a table's own)",
                "3:contract violation that stops the run",
                "4:an output table failed its data tests",
                "5:another run (or maintain) holds the lakehouse (see --wait-for-lock)",
                "6:verify: the recomputed publication differs from the run's (files and first keys named)",
                "7:verify: this build's code version is not the run's (see --allow-code-change)"})
public class NhsDigital {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, with error messages written to {@code err}. */
    public static int execute(java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new NhsDigital());
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd.getErr()));
        try {
            return cli.execute(args);
        } catch (Error e) { // picocli passes Errors (out of memory, a local disk's FSError) through
            return report(e, err);
        }
    }

    /**
     * One plain line on standard error, never a stack trace: an expected failure's message, or for an
     * unexpected one its cause in plain words and the log file holding the stack trace (messages that may
     * carry row content withheld).
     */
    private static int report(Throwable ex, java.io.PrintWriter err) {
        PipelineFailure failure = PipelineFailure.of(ex);
        if (failure instanceof UnexpectedFailure unexpected) {
            failure = unexpected.logged();
        }
        err.println(failure.line());
        err.flush();
        return failure.exitCode();
    }
}
