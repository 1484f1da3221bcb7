package uk.nhs.digitalmaturity.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SampleLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * Every notebook is valid nbformat 4.4 (the official JSON schema, {@code nbformat/nbformat.v4.4.schema.json}
 * from Debian's python3-nbformat) and has what the issue asks of it: the title and what the figure shows,
 * the report's words, the run id, as-at date and code version, the SQL, the result table as HTML and text,
 * and the chart as a PNG. Checked on the committed export, on the sample run's and on a lakehouse that has
 * every table the figures read.
 */
class NotebookFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = NotebookFormatTest.class.getResourceAsStream("/nbformat/nbformat.v4.4.schema.json")) {
            assertNotNull(in, "nbformat schema on the test class path");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    private static void assertValid(String name, byte[] bytes) throws IOException {
        JsonNode nb = JSON.readTree(bytes);
        Set<ValidationMessage> errors = schema.validate(nb);
        assertTrue(errors.isEmpty(), name + " is not valid nbformat 4.4: " + errors);
        assertEquals(4, nb.get("nbformat").asInt());
        assertEquals(4, nb.get("nbformat_minor").asInt());
    }

    @Test
    void theCommittedNotebooksAreValid() throws IOException {
        Path committed = NotebookFolders.committedExport();
        assertTrue(Files.isDirectory(committed), "notebooks-export/ is committed");
        Map<String, byte[]> files = NotebookFolders.files(committed);
        assertEquals(expectedFiles(), List.copyOf(files.keySet()));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertValid(f.getKey(), f.getValue());
        }
    }

    @Test
    void everyFigureIsValidAndCompleteWhenItsTablesExist() throws IOException {
        RunInfo run = SyntheticReporting.run();
        Map<String, byte[]> files = new NotebookExport(SharedSpark.get(), SyntheticReporting.lake(), run,
                Figures.all().subList(0, 5)).notebooks(); // figures 4 to 10: the synthetic lakehouse has no cyber tables
        Path keep = Repo.buildDir().resolve("notebook-tests/synthetic-export");
        Files.createDirectories(keep); // for a person to open: every figure with data
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(keep.resolve(f.getKey()), f.getValue());
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertValid(f.getKey(), f.getValue());
            if (f.getKey().equals(NotebookExport.INDEX)) {
                continue;
            }
            JsonNode nb = JSON.readTree(f.getValue());
            String intro = NotebookFigure10Test.text(nb.get("cells").get(0).get("source"));
            assertTrue(intro.startsWith("# Figure "), f.getKey());
            assertTrue(intro.contains("**What the report says**"), f.getKey());
            assertTrue(intro.contains(run.runId()) && intro.contains(run.asAt().toString())
                    && intro.contains(run.codeVersion()), f.getKey() + ": run id, as-at date and code version");
            JsonNode meta = nb.get("metadata").get(NotebookExport.METADATA_KEY);
            assertEquals(run.runId(), meta.get("run_id").asText());
            assertEquals("sql", nb.get("metadata").get("kernelspec").get("language").asText());
            JsonNode code = NotebookFigure10Test.codeCell(nb);
            assertEquals(1, code.get("execution_count").asInt());
            assertTrue(NotebookFigure10Test.text(code.get("source")).contains("FROM reporting."), f.getKey());
            JsonNode result = NotebookFigure10Test.output(code, "execute_result");
            assertTrue(result.get("data").has("text/html") && result.get("data").has("text/plain"), f.getKey());
            JsonNode image = NotebookFigure10Test.output(code, "display_data");
            byte[] png = java.util.Base64.getDecoder().decode(image.get("data").get("image/png").asText());
            assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII), f.getKey());
            assertTrue(image.get("metadata").get(NotebookExport.METADATA_KEY).has("chart"), f.getKey());
        }
        // Figure 9 has a chart for the agreement-scale standards and one for the NHS number bands
        JsonNode fig9 = JSON.readTree(files.get("figure-09-standards-compliance.ipynb"));
        long charts = 0;
        for (JsonNode o : NotebookFigure10Test.codeCell(fig9).get("outputs")) {
            charts += o.get("output_type").asText().equals("display_data") ? 1 : 0;
        }
        assertEquals(2, charts);
    }

    @Test
    void aTableNotBuiltYetGivesANoteNotAnError() throws IOException {
        // The sample run on this branch has no digital_records yet, or has it: either way the notebook is valid,
        // and where the table is missing the query is shown unrun under a note.
        Path lake = SampleLakehouse.get();
        Path folder = lake.resolve("notebooks").resolve(AsAt.SAMPLE);
        Map<String, byte[]> files = NotebookFolders.files(folder);
        assertEquals(expectedFiles(), List.copyOf(files.keySet()));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertValid(f.getKey(), f.getValue());
        }
        RunInfo run = RunInfo.latest(SharedSpark.get(), new uk.nhs.digitalmaturity.storage.Lakehouse(lake.toUri().toString()),
                null).orElseThrow();
        Map<String, byte[]> missing = new NotebookExport(SharedSpark.get(), SyntheticReporting.lake(),
                new RunInfo(run.runId(), run.asAt(), run.codeVersion(), run.parameters(), Map.of())).notebooks();
        JsonNode fig10 = JSON.readTree(missing.get("figure-10-digital-records.ipynb"));
        String cells = fig10.get("cells").toString();
        assertTrue(cells.contains("is not in this lakehouse yet"), cells);
        JsonNode code = NotebookFigure10Test.codeCell(fig10);
        assertTrue(code.get("execution_count").isNull());
        assertEquals(0, code.get("outputs").size());
        assertValid("figure 10 without its table", missing.get("figure-10-digital-records.ipynb"));
    }

    @Test
    void anEmptyTableGivesAnEmptyResultAndNoChart() throws IOException {
        Path lake = Repo.buildDir().resolve("notebook-tests/empty-lakehouse");
        NotebookFolders.delete(lake);
        org.apache.spark.sql.SparkSession spark = SharedSpark.get();
        spark.read().format("delta").load(SyntheticReporting.lakehouse().resolve("reporting/digital_records").toString())
                .limit(0).write().format("delta").save(lake.resolve("reporting/digital_records").toString());
        RunInfo synthetic = SyntheticReporting.run();
        RunInfo run = new RunInfo(synthetic.runId(), synthetic.asAt(), synthetic.codeVersion(), synthetic.parameters(),
                Map.of("reporting.digital_records", new RunInfo.Table(0, 0)));
        byte[] bytes = new NotebookExport(spark, new uk.nhs.digitalmaturity.storage.Lakehouse(lake.toUri().toString()),
                run).notebooks().get("figure-10-digital-records.ipynb");
        assertValid("figure 10 of an empty table", bytes);
        JsonNode code = NotebookFigure10Test.codeCell(JSON.readTree(bytes));
        assertEquals(1, code.get("outputs").size(), "the result only, no chart");
        assertTrue(NotebookFigure10Test.text(code.get("outputs").get(0).get("data").get("text/plain")).endsWith("(0 rows)"));
    }

    @Test
    void theValidatorRejectsABrokenNotebook() throws IOException {
        byte[] ok = new NotebookExport(SharedSpark.get(), SyntheticReporting.lake(), SyntheticReporting.run())
                .notebooks().get(NotebookExport.INDEX);
        ObjectNode broken = (ObjectNode) JSON.readTree(ok);
        ((ObjectNode) broken.get("cells").get(0)).put("cell_type", "picture");
        assertFalse(schema.validate(broken).isEmpty(), "the schema is really checked");
    }

    @Test
    void queriesReadOnlyReportingTables() {
        NotebookExport export = new NotebookExport(SharedSpark.get(), SyntheticReporting.lake(), SyntheticReporting.run());
        for (Figures.Figure f : Figures.all()) {
            for (Figures.Section s : f.sections()) {
                assertTrue(s.table().startsWith("reporting."), s.table());
                assertFalse(s.sql().matches("(?s).*\\b(restricted|bronze|ops)\\.\\w+.*"), f.file());
            }
        }
        assertThrows(IllegalStateException.class, () -> export.resolve("SELECT * FROM restricted.ceplus_trust_results"));
        assertTrue(export.resolve("SELECT * FROM reporting.digital_records").contains("VERSION AS OF 0"));
    }

    @Test
    void exportNotebooksNeedsASuccessfulRun() throws IOException {
        Path empty = Files.createDirectories(Repo.buildDir()
                .resolve("notebook-tests/no-lakehouse-here"));
        assertEquals(ExitCodes.USAGE, Cli.run("export-notebooks", "--lakehouse", empty.toString()).exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run("export-notebooks", "--lakehouse",
                SampleLakehouse.get().toString(), "--as-at", "2001-01-01").exitCode());
        Path foreign = Files.createDirectories(empty.resolveSibling("foreign-out"));
        Files.writeString(foreign.resolve("keep-me.txt"), "not a notebook");
        assertEquals(ExitCodes.USAGE, Cli.run("export-notebooks", "--lakehouse",
                SampleLakehouse.get().toString(), "--out", foreign.toString()).exitCode());
        assertTrue(Files.exists(foreign.resolve("keep-me.txt")), "a folder holding other files is never replaced");
    }

    static List<String> expectedFiles() {
        Map<String, Boolean> names = new LinkedHashMap<>();
        names.put(NotebookExport.INDEX, true);
        Figures.all().forEach(f -> names.put(f.file(), true));
        return names.keySet().stream().sorted().toList();
    }
}
