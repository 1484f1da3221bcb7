package uk.nhs.digitalmaturity.notebooks;

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
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SampleLakehouse;

/**
 * The committed {@code notebooks-export/} is the export of the sample data run: re-run and re-export, and the
 * bytes must be the same. When they are not, the message says how to regenerate the committed copy.
 */
class NotebooksExportFreshTest {

    @Test
    void theCommittedExportIsTheExportOfTheSampleRun() {
        Path lake = SampleLakehouse.get();
        Path out = lake.resolveSibling("fresh-export");
        NotebookFolders.delete(out);
        assertEquals(ExitCodes.OK, Cli.run("export-notebooks", "--lakehouse", lake.toString(), "--out",
                out.toString()).exitCode());
        Map<String, byte[]> fresh = NotebookFolders.files(out);
        Path committed = NotebookFolders.committedExport();
        Map<String, byte[]> kept = Files.isDirectory(committed) ? NotebookFolders.files(committed) : Map.of();
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
            fail("notebooks-export/ is stale (run on " + Repo.sampleData() + " as at "
                    + AsAt.SAMPLE + "): " + stale + ". Regenerate it from the repository root with:\n  "
                    + NotebookFolders.REGENERATE + "\nand commit the result (the fresh export is in " + out + ").");
        }
    }

    @Test
    void theRunWritesTheSameNotebooksAsTheStandaloneExport() {
        Path lake = SampleLakehouse.get();
        Path inRun = lake.resolve("notebooks").resolve(AsAt.SAMPLE);
        assertTrue(Files.isRegularFile(inRun.resolve(NotebookExport.INDEX)), "run writes notebooks/<as-at>/");
        Path out = lake.resolveSibling("standalone-export");
        NotebookFolders.delete(out);
        assertEquals(ExitCodes.OK, Cli.run("export-notebooks", "--lakehouse", lake.toString(), "--as-at",
                AsAt.SAMPLE, "--out", out.toString()).exitCode());
        Map<String, byte[]> a = NotebookFolders.files(inRun);
        Map<String, byte[]> b = NotebookFolders.files(out);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, b.get(name)), name
                + ": the run's notebooks and export-notebooks' differ"));
    }

    @Test
    void runNoNotebooksLeavesThemOut(@TempDir Path temp) {
        // On a copy of the suite's small fixture run, without its notebooks: the run must not write them again.
        FixtureLakehouse.Copy copy = FixtureLakehouse.copy("basic", temp);
        NotebookFolders.delete(copy.lakehouse().resolve("notebooks"));
        assertEquals(ExitCodes.OK, copy.run("--no-notebooks").exitCode());
        assertFalse(Files.exists(copy.lakehouse().resolve("notebooks")), "run --no-notebooks wrote notebooks");
    }

    private static java.util.Set<String> union(Map<String, byte[]> a, Map<String, byte[]> b) {
        java.util.Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
