package uk.nhs.digitalmaturity.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import uk.nhs.digitalmaturity.ingest.IngestLedger;
import uk.nhs.digitalmaturity.silver.RunContext;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Predicates;

/**
 * Builds the output tables in dependency order. A table whose fingerprint matches the one the last run
 * recorded, and which nobody has touched since, is left as it is.
 */
public class ModelRunner {
    private final RunContext context;
    private final ModelCatalog catalog;

    public ModelRunner(RunContext context, ModelCatalog catalog) {
        this.context = context;
        this.catalog = catalog;
    }

    /**
     * Tables are built {@value #AT_ONCE} at a time, each as soon as the tables it reads are built. They are
     * small: their cost is latency on the driver (Delta log, planning, a few tiny jobs), so one at a time leaves
     * the cores idle. The result is in catalog order whatever order the tables finish in.
     */
    public static final int AT_ONCE = 4;

    /**
     * Builds every table that is not current.
     *
     * @param previous       the tables the last good run left, with their fingerprints
     * @param previousInputs the landing files that run saw (for tables rebuilt a slice at a time, or left as
     *                       they are when the new files hold nothing they read)
     * @param previousAsAt   that run's as-at date (null: none), for tables that read the date: one rebuilt only
     *                       because the date moved, whose rows come out the same, keeps its version
     */
    public List<OutputRecord> run(Map<String, OutputRecord> previous, List<IngestLedger.Entry> previousInputs,
                                  java.time.LocalDate previousAsAt) {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE, r -> {
            Thread t = new Thread(r, "build-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SliceRebuild slicing = new SliceRebuild(context, catalog, previousInputs);
        try {
            Map<String, CompletableFuture<OutputRecord>> built = new LinkedHashMap<>();
            for (Model model : catalog.models()) {
                CompletableFuture<?>[] inputs = model.reads().stream().filter(built::containsKey).map(built::get)
                        .toArray(CompletableFuture<?>[]::new);
                built.put(model.qualifiedName(), CompletableFuture.allOf(inputs)
                        .thenApplyAsync(done -> build(model, previous.get(model.qualifiedName()), slicing,
                                previousAsAt), pool));
            }
            List<OutputRecord> outputs = new ArrayList<>();
            for (CompletableFuture<OutputRecord> f : built.values()) {
                outputs.add(f.join());
            }
            return outputs;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause; // a data test failure stays a data test failure (exit 4)
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private OutputRecord build(Model model, OutputRecord last, SliceRebuild slicing, java.time.LocalDate lastAsAt) {
        String path = context.lakehouse().tablePath(model.zone(), model.name());
        String fingerprint = catalog.fingerprint(context, model.qualifiedName());
        boolean asLeft = last != null && DeltaTables.exists(context.spark(), path)
                && context.delta().version(path) == last.deltaVersion();
        if (asLeft && last.fingerprint().equals(fingerprint)) {
            context.lakehouse().register(context.spark(), model.zone(), model.name());
            context.progress().line("build  %-40s up to date (version %d, %d rows)", model.qualifiedName(),
                    last.deltaVersion(), last.rows());
            return new OutputRecord(model.qualifiedName(), last.deltaVersion(), last.rows(), false, fingerprint);
        }
        Optional<List<String>> slices = asLeft ? slicing.slices(model, last) : Optional.empty();
        // Files added with no row the table reads (another month than Figure 7's, or only rejected rows):
        // the table already is what this run's files make of it, so it keeps its version and takes the new
        // fingerprint.
        if (asLeft && (slices.map(List::isEmpty).orElse(false) || slicing.leavesUnread(model, last))) {
            context.lakehouse().register(context.spark(), model.zone(), model.name());
            context.progress().line("build  %-40s up to date (version %d, %d rows; the new files hold no row it reads)",
                    model.qualifiedName(), last.deltaVersion(), last.rows());
            return new OutputRecord(model.qualifiedName(), last.deltaVersion(), last.rows(), false, fingerprint);
        }
        Dataset<Row> rows = checkedColumns(model, model.build(context));
        if (slices.isPresent()) {
            return replaceSlices(model, path, rows, slices.get(), fingerprint);
        }
        rows = DeltaTables.withComments(rows, model.spec().columnComments()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long count = DataTests.check(model.spec(), rows, model.qualifiedName());
            if (asLeft && onlyTheDateMoved(model, last, lastAsAt) && sameRows(rows, count, path, last)) {
                context.lakehouse().register(context.spark(), model.zone(), model.name());
                context.progress().line("build  %-40s up to date (version %d, %d rows; computed again as at %s: "
                                + "the same rows)",
                        model.qualifiedName(), last.deltaVersion(), last.rows(), context.asAt());
                return new OutputRecord(model.qualifiedName(), last.deltaVersion(), last.rows(), false, fingerprint);
            }
            long version = context.delta().overwrite(rows, path, tableComment(model.spec()));
            context.lakehouse().register(context.spark(), model.zone(), model.name());
            context.progress().line("build  %-40s %d rows (version %d)", model.qualifiedName(), count, version);
            return new OutputRecord(model.qualifiedName(), version, count, true, fingerprint);
        } finally {
            rows.unpersist();
        }
    }

    /**
     * True when the table's last fingerprint is what this run's inputs and parameters give as at the last run's
     * date: the date alone moved (a nightly run as at today, nothing new). Only a table that reads the date can
     * get here, since the date is in no other fingerprint.
     */
    private boolean onlyTheDateMoved(Model model, OutputRecord last, java.time.LocalDate lastAsAt) {
        if (lastAsAt == null || lastAsAt.equals(context.asAt())) {
            return false;
        }
        try {
            context.config().organisationsAt(lastAsAt);
        } catch (IllegalArgumentException e) {
            return false; // an organisations date fixed after the last run's date: that run had other parameters
        }
        return catalog.fingerprint(context.atDate(lastAsAt), model.qualifiedName()).equals(last.fingerprint());
    }

    /**
     * Whether the rows just computed are the table's rows at its last version, as multisets: the same count, and
     * none of them missing from the table. One small job; a commit of the same rows would cost more, and would
     * change the version that the last pack's file and the CE+ judgement of the leak scan stand on (LastPack).
     */
    private boolean sameRows(Dataset<Row> rows, long count, String path, OutputRecord last) {
        if (count != last.rows()) {
            return false;
        }
        Dataset<Row> stored = context.spark().read().format("delta").option("versionAsOf", last.deltaVersion())
                .load(path);
        return rows.exceptAll(stored.select(Arrays.stream(rows.columns()).map(stored::col).toArray(Column[]::new)))
                .isEmpty();
    }

    private static Dataset<Row> checkedColumns(Model model, Dataset<Row> rows) {
        List<String> declared = model.spec().columnNames();
        List<String> actual = List.of(rows.columns());
        if (!declared.equals(actual)) {
            throw new IllegalStateException(model.qualifiedName() + ": the query returns " + actual
                    + " but its .yml declares " + declared);
        }
        return rows;
    }

    /**
     * Recomputes only the slices new data touched and replaces them (Delta replaceWhere), after testing the
     * table as it will be: the slices kept plus the slices recomputed. A failing test leaves the table as it was.
     */
    private OutputRecord replaceSlices(Model model, String path, Dataset<Row> all, List<String> slices,
                                       String fingerprint) {
        String column = model.spec().incrementalBy;
        String predicate = Predicates.in(column, slices);
        Dataset<Row> recomputed = DeltaTables.withComments(all.where(predicate), model.spec().columnComments())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> kept = context.spark().read().format("delta").load(path).where("NOT (" + predicate + ")");
            long count = DataTests.check(model.spec(), kept.unionByName(recomputed),
                    model.qualifiedName());
            long version = context.delta().replaceWhere(recomputed, path, predicate);
            context.delta().applyProperties(path, tableComment(model.spec()));
            context.lakehouse().register(context.spark(), model.zone(), model.name());
            context.progress().line("build  %-40s %d rows (version %d; %s %s recomputed)", model.qualifiedName(),
                    count, version, column, String.join(", ", slices));
            return new OutputRecord(model.qualifiedName(), version, count, true, fingerprint);
        } finally {
            recomputed.unpersist();
        }
    }

    static String tableComment(ModelSpec spec) {
        String description = spec.fullDescription();
        return spec.paragraph == null ? description
                : description + " (NAO, Digital transformation in the NHS, " + spec.paragraph + ")";
    }
}
