package uk.nhs.digitalmaturity.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.digitalmaturity.cli.NhsDigital;

/**
 * Runs {@code nhs-digital <args>} in the test JVM, as the launcher would, and captures what it printed: the
 * one way tests run a command (the suite shares one SparkSession, so commands run in-process). Standard
 * output is also copied to the real one, so a failing test's log shows the run's progress lines.
 */
public final class Cli {
    private Cli() {
    }

    public static synchronized CliResult run(String... args) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = NhsDigital.execute(new PrintWriter(e, true), args);
            CliResult result = new CliResult(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
            realOut.print(result.out());
            return result;
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }

    /** {@code run --landing L --lakehouse H --as-at D} plus any further options. */
    public static CliResult pipelineAsAt(String asAt, Path landing, Path lakehouse, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--landing", landing.toString(), "--lakehouse",
                lakehouse.toString(), "--as-at", asAt));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** {@code run --landing L --lakehouse H} as at {@link AsAt#FIXTURES}, plus any further options. */
    public static CliResult pipeline(Path landing, Path lakehouse, String... more) {
        return pipelineAsAt(AsAt.FIXTURES, landing, lakehouse, more);
    }
}
