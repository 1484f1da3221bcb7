package uk.nhs.digitalmaturity.notebooks;

import uk.nhs.digitalmaturity.testing.Landings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.cli.NhsDigital;
import uk.nhs.digitalmaturity.failure.ExitCodes;

/**
 * The committed {@code notebooks-export/} is the export of the sample data run: re-run and re-export, and the
 * bytes must be the same. When they are not, the message says how to regenerate the committed copy.
 */
class NotebooksExportFreshTest {

    @Test
    void theCommittedExportIsTheExportOfTheSampleRun() {
        Path lake = SampleRunLakehouse.get();
        Path out = lake.resolveSibling("fresh-export");
        SampleRunLakehouse.delete(out);
        assertEquals(ExitCodes.OK, NhsDigital.execute("export-notebooks", "--lakehouse", lake.toString(), "--out",
                out.toString()));
        Map<String, byte[]> fresh = SampleRunLakehouse.files(out);
        Path committed = SampleRunLakehouse.committedExport();
        Map<String, byte[]> kept = Files.isDirectory(committed) ? SampleRunLakehouse.files(committed) : Map.of();
        List<String> stale = new ArrayList<>();
        for (String name : new TreeSet<>(union(fresh, kept))) {
            if (!kept.containsKey(name)) {
                stale.add(name + " (missing from notebooks-export/)");
            } else if (!fresh.containsKey(name)) {
                stale.add(name + " (no longer exported)");
            } else if (!Arrays.equals(fresh.get(name), kept.get(name))) {
                stale.add(name + " (differs)");
            }
        }
        if (!stale.isEmpty()) {
            fail("notebooks-export/ is stale (run on " + SampleRunLakehouse.landing() + " as at "
                    + SampleRunLakehouse.AS_AT + "): " + stale + ". Regenerate it from the repository root with:\n  "
                    + SampleRunLakehouse.REGENERATE + "\nand commit the result (the fresh export is in " + out + ").");
        }
    }

    @Test
    void theRunWritesTheSameNotebooksAsTheStandaloneExport() {
        Path lake = SampleRunLakehouse.get();
        Path inRun = lake.resolve("notebooks").resolve(SampleRunLakehouse.AS_AT);
        assertTrue(Files.isRegularFile(inRun.resolve(NotebookExport.INDEX)), "run writes notebooks/<as-at>/");
        Path out = lake.resolveSibling("standalone-export");
        SampleRunLakehouse.delete(out);
        assertEquals(ExitCodes.OK, NhsDigital.execute("export-notebooks", "--lakehouse", lake.toString(), "--as-at",
                SampleRunLakehouse.AS_AT, "--out", out.toString()));
        Map<String, byte[]> a = SampleRunLakehouse.files(inRun);
        Map<String, byte[]> b = SampleRunLakehouse.files(out);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, b.get(name)), name
                + ": the run's notebooks and export-notebooks' differ"));
    }

    @Test
    void runNoNotebooksLeavesThemOut() {
        // on a copy of the shared lakehouse, so that the other tests keep the run they expect
        Path lake = SampleRunLakehouse.get();
        Path copy = lake.resolveSibling("no-notebooks-lakehouse");
        SampleRunLakehouse.delete(copy);
        Landings.copy(lake, copy);
        SampleRunLakehouse.delete(copy.resolve("notebooks"));
        assertEquals(ExitCodes.OK, NhsDigital.execute("run", "--landing", SampleRunLakehouse.landing().toString(),
                "--lakehouse", copy.toString(), "--as-at", SampleRunLakehouse.AS_AT, "--no-notebooks"));
        assertFalse(Files.exists(copy.resolve("notebooks")), "run --no-notebooks wrote notebooks");
        SampleRunLakehouse.delete(copy);
    }

    private static java.util.Set<String> union(Map<String, byte[]> a, Map<String, byte[]> b) {
        java.util.Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
