package uk.nhs.digitalmaturity.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;

/** National scale at a tiny size: deterministic, one staff-level file per month, detailed finance lines. */
class SampleNationalScaleTest {
    private static final int ROWS = 4_000;
    private static final int LINES = 7;

    private static String[] args(Path out) {
        return new String[] {"generate-sample", "--scale", "national", "--months", "2", "--out", out.toString(),
            "--rows-per-month", Integer.toString(ROWS), "--finance-lines", Integer.toString(LINES)};
    }

    @Test
    void deterministicWithMonthlyStaffFilesAndDetailedReturns(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(ExitCodes.OK, Cli.run(args(a)).exitCode());
        assertEquals(ExitCodes.OK, Cli.run(args(b)).exitCode());
        List<String> files = files(a);
        assertEquals(files, files(b));
        for (String f : files) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f);
        }

        // one staff-level file per month, each in its own snapshot, about ROWS rows
        List<String> staff = files.stream().filter(f -> f.endsWith("workforce_staff.csv")).toList();
        assertEquals(List.of("workforce/2019-07-01/workforce_staff.csv", "workforce/2019-08-05/workforce_staff.csv"),
                staff);
        Pattern person = Pattern.compile("^[0-9a-f]{64}$");
        for (String f : staff) {
            List<CommittedLanding.Row> rows = CommittedLanding.read(a.resolve(f), "x");
            assertTrue(Math.abs(rows.size() - ROWS) < 150, f + ": " + rows.size() + " rows");
            Set<String> ids = new HashSet<>();
            Set<String> periods = new HashSet<>();
            for (CommittedLanding.Row r : rows) {
                assertTrue(person.matcher(r.get("person_id")).matches());
                assertTrue(ids.add(r.get("org_code") + "/" + r.get("assignment_id")), "unique assignment");
                double fte = Double.parseDouble(r.get("fte"));
                assertTrue(fte > 0 && fte <= 1.5, "fte " + fte);
                periods.add(r.get("period"));
            }
            assertEquals(1, periods.size(), "one period per file");
        }

        // every return carries LINES detailed OTHER lines beyond the sample's lines
        Path sample = tmp.resolve("sample");
        SampleLandingGenerator.generate(GeneratorOptions.sample(sample));
        for (String f : files.stream().filter(x -> x.endsWith("finance_returns.csv")).toList()) {
            Map<String, Integer> national = linesPerReturn(a.resolve(f));
            Map<String, Integer> small = linesPerReturn(sample.resolve(f));
            assertEquals(small.keySet(), national.keySet(), f);
            small.forEach((k, v) -> assertEquals(v + LINES, national.get(k), f + " " + k));
        }
        assertEquals(15 + LINES, CommittedLanding.read(a.resolve("finance/2019-06-03/finance_codes.csv"), "x").size());
    }

    @Test
    void usageErrors(@TempDir Path tmp) {
        assertEquals(ExitCodes.USAGE, Cli.run("generate-sample", "--scale", "regional", "--out",
                tmp.toString()).exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run("generate-sample", "--months", "3", "--out",
                tmp.toString()).exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run("generate-sample", "--scale", "national", "--months", "0",
                "--out", tmp.toString()).exitCode());
    }

    private static Map<String, Integer> linesPerReturn(Path file) {
        Map<String, Integer> counts = new TreeMap<>();
        for (CommittedLanding.Row r : CommittedLanding.read(file, "x")) {
            counts.merge(r.get("org_code") + " " + r.get("fin_year"), 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
