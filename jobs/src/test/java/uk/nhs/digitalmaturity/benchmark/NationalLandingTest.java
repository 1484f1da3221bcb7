package uk.nhs.digitalmaturity.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging a prefix of a generated landing, on a tiny hand-made tree laid out as the generator lays it out: staff
 * files one month per snapshot, month m (period 2019-03 + m - 1) in the first Monday four months after its period.
 */
class NationalLandingTest {
    /** Snapshots of staff-level months 1 to 9 (periods 2019-03 to 2019-11), worked out on a calendar. */
    private static final List<String> STAFF_SNAPSHOTS = List.of("2019-07-01", "2019-08-05", "2019-09-02",
            "2019-10-07", "2019-11-04", "2019-12-02", "2020-01-06", "2020-02-03", "2020-03-02");
    private static final List<String> OTHER_FILES = List.of("organisations/2019-06-03/organisations.csv",
            "workforce/2019-06-03/workforce_org.csv", "workforce/2019-06-03/informatics_occupations.csv",
            "workforce/2019-07-01/workforce_org.csv");

    @TempDir
    Path data;

    /** A complete 9-month landing for seed 7: 4 files of 1 row and 9 staff files of 2 rows, 22 rows in all. */
    private Path tree(boolean manifest) throws IOException {
        Path root = data.resolve("national-9m-seed7");
        for (String f : OTHER_FILES) {
            write(root.resolve(f), "header\nrow\n");
        }
        StringBuilder rows = new StringBuilder();
        for (String s : STAFF_SNAPSHOTS) {
            write(root.resolve("workforce/" + s + "/workforce_staff.csv"), "header\nrow\nrow\n");
            rows.append("1400000\tworkforce/").append(s).append("/workforce_staff.csv\n");
        }
        Files.writeString(root.resolve(".complete"), "22\n");
        if (manifest) {
            Files.writeString(root.resolve(".rows"), rows);
        }
        // an unfinished longer landing and another seed's: neither may be used
        write(data.resolve("national-25m-seed7/workforce/2019-07-01/workforce_staff.csv"), "header\n");
        write(data.resolve("national-8m-seed8/.complete"), "1\n");
        return root;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void monthsToGenerateCoverTheLongestRunAndTheMonthAfter() {
        assertEquals(25, NationalLanding.monthsToGenerate(12, List.of(6, 12, 24)));
        assertEquals(13, NationalLanding.monthsToGenerate(12, List.of()));
        assertEquals(31, NationalLanding.monthsToGenerate(30, List.of(6)));
    }

    @Test
    void sixMonthsStageTheFirstSixStaffFilesAndEveryOtherFile() throws IOException {
        Path root = tree(false);
        NationalLanding landing = new NationalLanding(data, NationalLanding.monthsToGenerate(6, List.of()), 7);
        assertEquals(root, landing.folder()); // the smallest complete landing of seed 7 with at least 7 months
        assertEquals(22, landing.prepare()); // read from .complete: nothing generated

        Path stage = data.resolve("stage");
        landing.stage(stage, 6);
        Set<String> expected = new TreeSet<>(OTHER_FILES);
        for (String s : List.of("2019-07-01", "2019-08-05", "2019-09-02", "2019-10-07", "2019-11-04", "2019-12-02")) {
            expected.add("workforce/" + s + "/workforce_staff.csv");
        }
        assertEquals(expected, files(stage));
        Path staged = stage.resolve("workforce/2019-12-02/workforce_staff.csv");
        assertTrue(Files.isSameFile(staged, root.resolve("workforce/2019-12-02/workforce_staff.csv")), "a hard link");
        // 22 rows less three held-back staff months of 2 rows each (counted: this tree has no .rows)
        assertEquals(16, landing.stagedRows(6));

        landing.landMonth(stage, 7); // period 2019-09
        expected.add("workforce/2020-01-06/workforce_staff.csv");
        assertEquals(expected, files(stage));

        landing.stage(stage, 6); // staged afresh: the month that landed is gone again
        expected.remove("workforce/2020-01-06/workforce_staff.csv");
        assertEquals(expected, files(stage));
    }

    @Test
    void rowsComeFromTheManifestWhenThereIsOne() throws IOException {
        tree(true);
        NationalLanding landing = new NationalLanding(data, 7, 7);
        landing.prepare();
        assertEquals(22 - 3 * 1_400_000L, landing.stagedRows(6));
    }

    @Test
    void aHistoryLongerThanTheLandingIsRefused() throws IOException {
        tree(false);
        NationalLanding landing = new NationalLanding(data, 7, 7);
        landing.prepare();
        // 9 months staged need a 10th to land
        assertThrows(IllegalStateException.class, () -> landing.stage(data.resolve("stage"), 9));
    }
}
