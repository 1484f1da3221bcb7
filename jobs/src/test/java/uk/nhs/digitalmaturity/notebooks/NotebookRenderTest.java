package uk.nhs.digitalmaturity.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The notebooks open and render: Jupyter's own tools read them ({@code jupyter nbconvert}, from Debian's
 * jupyter-nbconvert) and write them back byte for byte, convert them to HTML, and headless Chromium
 * (Debian's chromium) draws a page that is not blank. The screenshots stay in
 * {@code <build dir>/notebook-screenshots/} for a person to look at. {@code .ci/run} installs both tools;
 * without them this test fails and says how to install them ({@code -Dnhs.notebooks.render=skip} skips it).
 */
class NotebookRenderTest {
    private static Path out;

    @BeforeAll
    static void tools() throws IOException {
        assumeFalse("skip".equals(System.getProperty("nhs.notebooks.render")), "rendering switched off");
        for (String tool : List.of("jupyter", "chromium")) {
            if (!onPath(tool)) {
                fail(tool + " is not installed: apt-get install -y jupyter-nbconvert chromium (as .ci/run does), "
                        + "or pass -Dnhs.notebooks.render=skip");
            }
        }
        out = Repo.buildDir().resolve("notebook-screenshots");
        NotebookFolders.delete(out);
        Files.createDirectories(out);
    }

    @Test
    void jupyterWritesTheCommittedNotebooksBackByteForByte() throws Exception {
        for (Map.Entry<String, byte[]> f : NotebookFolders.files(NotebookFolders.committedExport()).entrySet()) {
            Path file = NotebookFolders.committedExport().resolve(f.getKey());
            byte[] rewritten = run(60, "jupyter", "nbconvert", "--to", "notebook", "--stdout", file.toString());
            assertArrayEquals(f.getValue(), rewritten, f.getKey() + " is not as nbformat writes it");
        }
    }

    @Test
    void aCommittedNotebookRendersToANonBlankPage() throws Exception {
        Path notebook = NotebookFolders.committedExport().resolve("cyber-security.ipynb");
        assertNonBlank(screenshot(notebook, "committed-cyber-security"), 1);
    }

    @Test
    void theFigure10NotebookRendersWithItsChart() throws Exception {
        // Figure 10 from a lakehouse that has reporting.digital_records (the committed one may not have it yet)
        byte[] bytes = new NotebookExport(SharedSpark.get(), SyntheticReporting.lake(), SyntheticReporting.run())
                .notebooks().get("figure-10-digital-records.ipynb");
        Path notebook = out.resolve("synthetic-figure-10-digital-records.ipynb");
        Files.write(notebook, bytes);
        assertNonBlank(screenshot(notebook, "synthetic-figure-10-digital-records"), 5);
    }

    /** nbconvert to HTML, then a Chromium screenshot of it; returns the PNG. */
    private static Path screenshot(Path notebook, String name) throws Exception {
        run(120, "jupyter", "nbconvert", "--to", "html", "--output-dir", out.toString(), "--output", name,
                notebook.toString());
        Path html = out.resolve(name + ".html");
        assertTrue(Files.isRegularFile(html), "nbconvert wrote " + html);
        Path png = out.resolve(name + ".png");
        run(180, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--user-data-dir=" + out.resolve(".chromium-profile"),
                "--screenshot=" + png, "--window-size=1280,2000", html.toUri().toString());
        assertTrue(Files.isRegularFile(png), "chromium wrote " + png);
        return png;
    }

    /**
     * Not blank: a good share of non-white pixels and many colours (text, table, chart), and for a chart the
     * saturated colours of its bars.
     */
    private static void assertNonBlank(Path png, int minimumSaturatedPercentTenths) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        long nonWhite = 0;
        long saturated = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (r < 240 || g < 240 || b < 240) {
                    nonWhite++;
                }
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    saturated++;
                }
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertTrue(nonWhite * 100 > pixels * 3, png + ": only " + nonWhite + " of " + pixels + " pixels are not white");
        assertTrue(colours.size() > 200, png + ": only " + colours.size() + " colours");
        assertTrue(saturated * 1000 > pixels * minimumSaturatedPercentTenths, png + ": only " + saturated
                + " coloured pixels: no chart drawn?");
    }

    private static byte[] run(int seconds, String... command) throws Exception {
        Path log = Files.createTempFile(out, "process", ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(stdout);
            } catch (IOException ignored) {
                // the exit code and the log say what went wrong
            }
        });
        reader.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + seconds + " s; see " + log);
        }
        reader.join();
        if (p.exitValue() != 0) {
            fail(String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(log));
        }
        Files.delete(log);
        return stdout.toByteArray();
    }

    private static boolean onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":")));
        return dirs.stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
