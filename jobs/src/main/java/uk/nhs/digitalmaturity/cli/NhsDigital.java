package uk.nhs.digitalmaturity.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import uk.nhs.digitalmaturity.failure.PipelineFailure;

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
                uk.nhs.digitalmaturity.benchmark.BenchCommand.class,
                CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (including a run that found nothing new)",
                "1:unexpected failure",
                "2:usage error",
                "3:contract violation that stops the run",
                "4:an output table failed its data tests"})
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
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PipelineFailure failure = PipelineFailure.of(ex);
            cmd.getErr().println(failure.line());
            if (failure.unexpected()) {
                ex.printStackTrace(cmd.getErr());
            }
            return failure.exitCode();
        });
        return cli.execute(args);
    }
}
