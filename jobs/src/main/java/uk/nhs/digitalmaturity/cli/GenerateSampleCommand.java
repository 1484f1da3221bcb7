package uk.nhs.digitalmaturity.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.landing.WrittenFile;
import uk.nhs.digitalmaturity.sample.GeneratorOptions;
import uk.nhs.digitalmaturity.sample.SampleLandingGenerator;
import uk.nhs.digitalmaturity.sample.SampleScale;

/**
 * Writes a deterministic landing zone: the committed, NAO-calibrated sample, or the same sources at national
 * volume for load testing. The same seed and scale always give byte-identical files.
 */
@Command(name = "generate-sample",
        mixinStandardHelpOptions = true,
        versionProvider = CodeVersionProvider.class,
        description = {
            "Writes a deterministic landing zone <out>/<source>/<snapshot>/<file>.csv for every source of the extract"
                + " contract.",
            "sample: the small landing zone committed as sample-data/, calibrated to the NAO report's figures.",
            "national: the same sources at national volume (about 1.4 million staff assignments a month)."})
public class GenerateSampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Landing root to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "sample-data")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Master seed (default: ${DEFAULT-VALUE}).",
            defaultValue = "20200513")
    long seed;

    @Option(names = "--scale", paramLabel = "sample|national",
            description = "sample (default) or national.", defaultValue = "sample")
    String scale;

    @Option(names = "--months", paramLabel = "N",
            description = "National only: monthly staff-level extracts from 2019-03 (default: ${DEFAULT-VALUE}).",
            defaultValue = "12")
    int months;

    @Option(names = "--rows-per-month", hidden = true, defaultValue = "1400000",
            description = "National only: staff-level rows per month (for tests).")
    int rowsPerMonth;

    @Option(names = "--finance-lines", hidden = true, defaultValue = "2500",
            description = "National only: detailed OTHER lines per trust-year return (for tests).")
    int financeLines;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SampleScale parsedScale;
        try {
            parsedScale = SampleScale.valueOf(scale.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("--scale must be sample or national, not '" + scale + "'");
            return ExitCodes.USAGE;
        }
        if (parsedScale == SampleScale.SAMPLE && spec.commandLine().getParseResult().hasMatchedOption("--months")) {
            err.println("--months applies to --scale national only");
            return ExitCodes.USAGE;
        }
        GeneratorOptions options;
        try {
            options = new GeneratorOptions(out, seed, parsedScale, months, rowsPerMonth, financeLines);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        long started = System.nanoTime();
        List<WrittenFile> files = SampleLandingGenerator.generate(options);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        PrintWriter o = spec.commandLine().getOut();
        long rows = 0;
        long bytes = 0;
        for (WrittenFile f : files) {
            o.printf(Locale.ROOT, "%-55s %,12d rows %,15d bytes%n", f.path(), f.rows(), f.bytes());
            rows += f.rows();
            bytes += f.bytes();
        }
        o.printf(Locale.ROOT, "wrote %d files, %,d rows, %,d bytes under %s (%s scale, seed %d) in %.1f s%n",
                files.size(), rows, bytes, out.toAbsolutePath().normalize(), parsedScale.name().toLowerCase(Locale.ROOT),
                seed, elapsedMs / 1000.0);
        o.flush();
        return ExitCodes.OK;
    }
}
