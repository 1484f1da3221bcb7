package uk.nhs.digitalmaturity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.testing.Repo;

/**
 * The code version (and so every run id) covers each input to a number that is code: a changed Java model or a
 * changed default gives a different digest, as a changed SQL file always did. Each case changes one byte of a
 * copy of what the build packed, and reads the copy through its own class loader.
 */
class MetricCodeTest {
    @TempDir
    Path copy;

    /** The packed files (sql/, metric-code/, the defaults) copied from the build folder. */
    private ClassLoader packed() throws IOException {
        Path classes = Repo.buildDir().resolve("classes");
        for (String root : List.of("sql", MetricCode.SOURCES)) {
            try (Stream<Path> files = Files.walk(classes.resolve(root))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = copy.resolve(classes.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        Files.copy(classes.resolve(MetricCode.DEFAULTS), copy.resolve(MetricCode.DEFAULTS));
        // No parent: the copy alone, never the build folder's files.
        return new URLClassLoader(new URL[] {copy.toUri().toURL()}, null);
    }

    @Test
    void theDigestIsOfContentsNotOfWhereTheyAre() throws IOException {
        assertEquals(MetricCode.digest(), MetricCode.digest(packed()));
    }

    @Test
    void theJavaThatComputesIsPacked() throws IOException {
        packed();
        // The Wilcoxon test of Figure 10, the Figure 7 variation statistics, the folding of merged trusts, the pack's rounding.
        for (String source : List.of("model/stats/DmaThemeChangeSignificance.java", "model/stats/ItCapexPerFteVariation.java",
                "silver/OrganisationGraph.java", "publish/Rounding.java", "ingest/SourceValidation.java")) {
            assertTrue(Files.exists(copy.resolve(MetricCode.SOURCES).resolve(source)), source);
        }
        for (String pkg : MetricCode.PACKAGES) {
            assertTrue(Files.isDirectory(copy.resolve(MetricCode.SOURCES).resolve(pkg)), pkg);
        }
        // Orchestration and serving are not metric code: changing them leaves run ids alone.
        assertTrue(Files.notExists(copy.resolve(MetricCode.SOURCES).resolve("cli")));
        assertTrue(Files.notExists(copy.resolve(MetricCode.SOURCES).resolve("serve")));
    }

    @Test
    void aChangedJavaModelChangesTheDigest() throws IOException {
        ClassLoader loader = packed();
        String before = MetricCode.digest(loader);
        append(copy.resolve(MetricCode.SOURCES).resolve("model/stats/DmaThemeChangeSignificance.java"), " ");
        assertNotEquals(before, MetricCode.digest(loader));
    }

    @Test
    void aChangedDefaultChangesTheDigest() throws IOException {
        ClassLoader loader = packed();
        String before = MetricCode.digest(loader);
        Path defaults = copy.resolve(MetricCode.DEFAULTS);
        String text = Files.readString(defaults);
        String priceBase = "price_base_year: \"2018-19\"";
        assertTrue(text.contains(priceBase), "the default price base year is in the file");
        Files.writeString(defaults, text.replace(priceBase, "price_base_year: \"2019-20\""));
        assertNotEquals(before, MetricCode.digest(loader));
    }

    @Test
    void aChangedSqlFileChangesTheDigest() throws IOException {
        ClassLoader loader = packed();
        String before = MetricCode.digest(loader);
        append(copy.resolve("sql/reporting/dspt_summary.sql"), "\n");
        assertNotEquals(before, MetricCode.digest(loader));
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }
}
