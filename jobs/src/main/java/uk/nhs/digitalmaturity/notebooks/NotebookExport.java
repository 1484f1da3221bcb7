package uk.nhs.digitalmaturity.notebooks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.SqlResources;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.model.ModelSpec;
import uk.nhs.digitalmaturity.storage.AtomicFolder;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.FewAtATime;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * Writes the Jupyter notebooks of one run: an index and one notebook per figure ({@link Figures}), each with
 * the figure's description and the report's words, the SQL that gives its data, that query's result as a
 * table and the chart drawn from it, and the run that produced it. Every query runs on the {@code reporting}
 * tables at the Delta version the run left them; a table the run did not produce (not built yet) gets a note
 * instead of a result. The same lakehouse and run give the same bytes: no clock, no locale, fixed cell
 * numbers, sorted keys, charts drawn the same way every time.
 */
public class NotebookExport {
    /** Key of this project's metadata in notebooks and outputs. */
    public static final String METADATA_KEY = "nhs_digital";
    public static final String INDEX = "index.ipynb";

    private static final Pattern TABLE = Pattern.compile("\\b(reporting|restricted|bronze|ops)\\.([a-z_][a-z0-9_]*)\\b");
    private static final String REPORT = "NAO, *Digital transformation in the NHS*, HC 317, May 2020";

    private final SparkSession spark;
    private final Lakehouse lakehouse;
    private final RunInfo run;
    private final List<Figures.Figure> figures;
    /** The sections' results, once {@link #notebooks} has run their queries. */
    private Map<String, ResultTable> results = Map.of();
    /** Results kept from earlier runs, and where this run's are kept; null: every query is run. */
    private KeptResults kept;

    public NotebookExport(SparkSession spark, Lakehouse lakehouse, RunInfo run) {
        this(spark, lakehouse, run, Figures.all());
    }

    NotebookExport(SparkSession spark, Lakehouse lakehouse, RunInfo run, List<Figures.Figure> figures) {
        this.spark = spark;
        this.lakehouse = lakehouse;
        this.run = run;
        this.figures = figures;
    }

    /** Every notebook, file name → bytes, the index first. */
    public Map<String, byte[]> notebooks() {
        results = results();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(INDEX, index().toJson());
        for (Figures.Figure f : figures) {
            files.put(f.file(), notebook(f).toJson());
        }
        return files;
    }

    /** Reads the results of queries on unchanged tables from {@code kept}, and keeps this run's there. */
    public NotebookExport keepingResults(KeptResults kept) {
        this.kept = kept;
        return this;
    }

    /**
     * The result of every section's query (resolved SQL → result): read back from the kept results where a
     * query's tables are as they were when it was kept, the others run a few at a time (each is a small query
     * whose cost is Delta log access and driver latency, which overlap). The notebooks are then drawn one after
     * another, in order, from these results.
     */
    private Map<String, ResultTable> results() {
        Map<String, ResultTable> found = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>(); // resolved SQL → name of its kept result
        Map<String, java.util.function.Supplier<ResultTable>> queries = new LinkedHashMap<>();
        for (Figures.Figure f : figures) {
            for (Figures.Section section : f.sections()) {
                if (!available(section.table())) {
                    continue;
                }
                String sql = resolve(section.sql());
                if (found.containsKey(sql) || queries.containsKey(sql)) {
                    continue;
                }
                String name = kept == null ? null : keptName(section.sql(), sql);
                ResultTable result = name == null ? null : kept.get(name);
                if (name != null) {
                    names.put(sql, name);
                }
                if (result != null) {
                    found.put(sql, result);
                } else {
                    queries.put(sql, () -> ResultTable.of(spark.sql(sql)));
                }
            }
        }
        Map<String, ResultTable> all = new LinkedHashMap<>(found);
        Map<String, ResultTable> queried = FewAtATime.read(queries);
        all.putAll(queried);
        if (kept != null) {
            java.util.Set<String> used = new java.util.TreeSet<>();
            names.forEach((sql, name) -> {
                if (found.containsKey(sql) || kept.keep(name, queried.get(sql))) {
                    used.add(name);
                }
            });
            kept.keepOnly(used);
        }
        return all;
    }

    /**
     * The name a query's result is kept under: a hash of the query as run, Spark's version, and the commit of
     * each table it reads at the version it reads; null when a commit file cannot be read (it is then run). The
     * query is taken with the lakehouse's folder left out, so that a lakehouse moved or restored elsewhere keeps
     * its results: the commits say which tables they are.
     */
    private String keptName(String sql, String resolved) {
        StringBuilder madeFrom = new StringBuilder(KeptResults.FORMAT).append('\n').append(spark.version())
                .append('\n').append(resolved.replace(lakehouse.root(), "<lakehouse>"));
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            String qualified = m.group(1) + "." + m.group(2);
            String commit = kept.commit(path(qualified), run.tables().get(qualified).deltaVersion());
            if (commit == null) {
                return null;
            }
            madeFrom.append('\n').append(qualified).append(' ').append(commit);
        }
        return Sha256.hex(madeFrom.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A section's result: run with the others, or now (a notebook drawn alone, as the tests do). */
    private ResultTable result(String sql) {
        ResultTable done = results.get(sql);
        return done != null ? done : ResultTable.of(spark.sql(sql));
    }

    /** Writes the notebooks into {@code folder} (replacing the notebooks there); returns name → SHA-256. */
    public Map<String, String> write(String folder) {
        Map<String, byte[]> files = notebooks();
        writeAll(folder, files);
        Map<String, String> hashes = new LinkedHashMap<>();
        files.forEach((name, bytes) -> hashes.put(name, Sha256.hex(bytes)));
        return hashes;
    }

    // ---------------------------------------------------------------- notebooks

    private boolean available(String table) {
        RunInfo.Table t = run.tables().get(table);
        return t != null && DeltaTables.exists(spark, path(table));
    }

    private String path(String qualified) {
        return lakehouse.tablePath(Zone.REPORTING, qualified.substring(qualified.indexOf('.') + 1));
    }

    private Map<String, Object> metadata(List<String> tables) {
        Map<String, Object> m = new TreeMap<>();
        m.put("run_id", run.runId());
        m.put("as_at", run.asAt().toString());
        m.put("code_version", run.codeVersion());
        Map<String, Object> versions = new TreeMap<>();
        for (String t : tables) {
            RunInfo.Table state = run.tables().get(t);
            versions.put(t, available(t) ? state.deltaVersion() : null);
        }
        m.put("tables", versions);
        return Map.of(METADATA_KEY, m);
    }

    private String provenance(List<String> tables) {
        List<String> sources = new ArrayList<>();
        for (String t : tables) {
            sources.add(available(t) ? "`" + t + "` (Delta version " + run.tables().get(t).deltaVersion() + ", "
                    + rows(run.tables().get(t).rows()) + ")" : "`" + t + "` (not in this lakehouse yet)");
        }
        return "*Produced by run `" + run.runId() + "` as at " + run.asAt() + ", code version `" + run.codeVersion()
                + "`, from " + String.join(", ", sources) + ".*";
    }

    Notebook notebook(Figures.Figure figure) {
        Notebook nb = new Notebook(metadata(figure.tables()));
        nb.markdown("# " + figure.title() + "\n\n" + figure.shows() + "\n\n**What the report says** (" + REPORT
                + "). " + figure.report() + "\n\n" + provenance(figure.tables()));
        for (Figures.Section section : figure.sections()) {
            if (section.heading() != null) {
                nb.markdown(section.heading());
            }
            if (!available(section.table())) {
                nb.markdown("> **`" + section.table() + "` is not in this lakehouse yet.** Run `" + run.runId()
                        + "` did not produce it, so the query below has not been run. The notebook fills in when "
                        + "a run of the pipeline builds the table.");
                nb.notExecuted(section.sql());
                continue;
            }
            ResultTable result = result(resolve(section.sql()));
            // The charts first, then the result (as a cell that displays a chart and returns a table shows them)
            List<Notebook.Output> outputs = new ArrayList<>();
            for (ChartData chart : result.rows().isEmpty() ? List.<ChartData>of() : section.charts().apply(result, run)) {
                String png = Base64.getEncoder().encodeToString(ChartRenderer.png(chart));
                outputs.add(Notebook.Output.image(png, ChartRenderer.WIDTH, ChartRenderer.height(chart),
                        "[chart] " + chart.title(), chart.toMap()));
            }
            outputs.add(Notebook.Output.result(result.html(), result.plain()));
            nb.executed(section.sql(), outputs);
        }
        for (String table : figure.tables()) {
            String about = about(table);
            if (about != null) {
                nb.markdown(about);
            }
        }
        return nb;
    }

    /** The table's own documentation (its .yml) and definition (its .sql), as the code version has them. */
    private static String about(String qualified) {
        String name = qualified.substring(qualified.indexOf('.') + 1);
        List<String> files = SqlResources.list("reporting");
        if (!files.contains(name + ".yml")) {
            return null;
        }
        ModelSpec spec = ModelSpec.parse(SqlResources.read("reporting/" + name + ".yml"), "sql/reporting/" + name + ".yml");
        StringBuilder b = new StringBuilder("## About `" + qualified + "`\n\n").append(spec.fullDescription());
        if (spec.paragraph != null) {
            b.append(" (Reproduces ").append(spec.paragraph).append(".)");
        }
        b.append("\n\n| column | unit | meaning |\n|---|---|---|\n");
        for (ModelSpec.ColumnSpec c : spec.columns) {
            b.append("| `").append(c.name).append("` | ").append(c.unit().spelling()).append(" | ")
                    .append(c.description.trim().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        if (files.contains(name + ".sql")) {
            b.append("\nThe table is computed by `sql/reporting/").append(name).append(".sql`:\n\n```sql\n")
                    .append(SqlResources.read("reporting/" + name + ".sql").strip()).append("\n```");
        } else {
            b.append("\nThe table is computed in Java; `sql/reporting/").append(name).append(".yml` describes it.");
        }
        return b.toString().strip();
    }

    Notebook index() {
        List<String> all = new ArrayList<>();
        figures.forEach(f -> f.tables().stream().filter(t -> !all.contains(t)).forEach(all::add));
        Notebook nb = new Notebook(metadata(all));
        StringBuilder b = new StringBuilder("# Digital transformation in the NHS: the figures, from the pipeline's "
                + "reporting tables\n\nOne notebook per figure of the National Audit Office report (" + REPORT
                + "), drawn from the `reporting` tables of one run of the national digital-maturity pipeline. "
                + "Each notebook has the figure's description and what the report says, the SQL query that "
                + "gives its data, the query's result as a table, the chart drawn from that result, and the run "
                + "that produced it.\n\n" + "| | |\n|---|---|\n| Run | `" + run.runId() + "` |\n| As at | "
                + run.asAt() + " |\n| Code version | `" + run.codeVersion() + "` |\n\n"
                + "| notebook | source | in this run |\n|---|---|---|\n");
        for (Figures.Figure f : figures) {
            List<String> states = new ArrayList<>();
            for (String t : f.tables()) {
                states.add(available(t) ? rows(run.tables().get(t).rows()) + " (Delta version "
                        + run.tables().get(t).deltaVersion() + ")" : "not in this lakehouse yet");
            }
            b.append("| [").append(f.title()).append("](").append(f.file()).append(") | ")
                    .append(String.join("<br>", f.tables().stream().map(t -> "`" + t + "`").toList())).append(" | ")
                    .append(String.join("<br>", states)).append(" |\n");
        }
        nb.markdown(b.toString().strip());
        StringBuilder p = new StringBuilder("## Parameters of the run\n\n| parameter | value |\n|---|---|\n");
        run.parameters().forEach((k, v) -> p.append("| `").append(k).append("` | ").append(v).append(" |\n"));
        nb.markdown(p.toString().strip());
        nb.markdown("""
                ## Running the queries yourself

                The SQL cells are Spark SQL on the `reporting` tables (Delta Lake). Where the lakehouse's tables are \
                registered in the catalog (as a pipeline run leaves them), run a cell as it is. Elsewhere, name a \
                table by its folder: `reporting.digital_records` is ``delta.`<lakehouse>/reporting/digital_records` ``; \
                add `VERSION AS OF <n>`, with the Delta version this notebook names, to read the table exactly as \
                this run left it. The charts are drawn from the query results shown; each chart's numbers are also \
                kept in its output's metadata (`nhs_digital.chart`).

                Restricted tables (trust-level cyber results, staff-level workforce) are never read here.""");
        return nb;
    }

    /**
     * The query as run: each {@code reporting.<table>} read at the run's Delta version. Only reporting tables
     * may appear: a query naming a restricted, bronze or ops table is refused.
     */
    String resolve(String sql) {
        Matcher m = TABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String qualified = m.group(1) + "." + m.group(2);
            if (!m.group(1).equals("reporting")) {
                throw new IllegalStateException("a notebook query may read only reporting tables, not " + qualified);
            }
            RunInfo.Table t = run.tables().get(qualified);
            if (t == null) {
                throw new IllegalStateException("run " + run.runId() + " did not produce " + qualified);
            }
            m.appendReplacement(out, Matcher.quoteReplacement("delta.`" + path(qualified).replace("`", "``")
                    + "` VERSION AS OF " + t.deltaVersion()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String rows(long n) {
        return ResultTable.format(n) + (n == 1 ? " row" : " rows");
    }

    // ---------------------------------------------------------------- files

    /** The first entry of {@code folder} that is not a notebook (the export would replace it), or null. */
    public static String foreignFile(SparkSession spark, String folder) {
        try {
            Path dir = new Path(folder);
            FileSystem fs = AtomicFolder.fileSystem(spark, folder);
            if (!fs.exists(dir)) {
                return null;
            }
            if (!fs.getFileStatus(dir).isDirectory()) {
                return dir.getName() + " (a file)";
            }
            for (FileStatus f : fs.listStatus(dir)) {
                String name = f.getPath().getName();
                if (f.isDirectory() || !(name.endsWith(".ipynb") || name.endsWith(".ipynb.crc"))) {
                    return name;
                }
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the files into a sibling folder, then swaps it in, so readers never see half an export. A target
     * folder holding anything but notebooks is refused rather than replaced.
     */
    private void writeAll(String folder, Map<String, byte[]> files) {
        try {
            String foreign = foreignFile(spark, folder);
            if (foreign != null) {
                throw new IllegalStateException("will not replace " + folder + ": it holds " + foreign
                        + ", which is not a notebook");
            }
            AtomicFolder.replace(spark, folder, run.runId(), files);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write notebooks to " + folder + ": " + e.getMessage(), e);
        }
    }
}
