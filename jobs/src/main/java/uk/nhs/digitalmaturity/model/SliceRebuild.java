package uk.nhs.digitalmaturity.model;

import static org.apache.spark.sql.functions.col;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.ingest.BronzeSchema;
import uk.nhs.digitalmaturity.ingest.IngestLedger;
import uk.nhs.digitalmaturity.silver.RunContext;
import uk.nhs.digitalmaturity.storage.Predicates;

/**
 * Which slices of a table sliced by a column ({@code incremental_by} in its .yml) a run must recompute. The
 * nightly case is one new month of workforce: a table whose rows for each month come from that month's files
 * alone only needs that month's rows recomputed and replaced, however many months it holds.
 *
 * <p>The slices are trusted only when the table as last built is exactly what this code and these parameters
 * make of the previous run's landing files (its recorded fingerprint proves it), and the only change since is
 * landing files added to sources that carry the slicing column: no file removed or changed, no other source
 * touched. Then the rows that can differ are those of the column's values in the added files (a new file for
 * an old month supersedes that month's rows, and is recomputed with it). In any other case the table is
 * rebuilt whole. {@code MonthSliceRebuildTest} compares a table built a month at a time with its full recompute.
 *
 * <p>On the same conditions, a table that reads one value of the column only ({@code reads_only} in its .yml:
 * Figure 7 reads the workforce at {@code :reference_period}) is left as it is when the added files hold no row
 * of that value; the same test checks that it then equals its full recompute too. One instance serves a run:
 * the column's values in the added files are read once, whichever tables ask.
 */
final class SliceRebuild {
    private final RunContext context;
    private final ModelCatalog catalog;
    private final List<IngestLedger.Entry> previousInputs;
    /** The column's values in each source's added files, read once per run whichever tables ask. */
    private final Map<String, Set<String>> valuesOfAdded = new ConcurrentHashMap<>();

    /** @param previousInputs the landing files the last good run saw */
    SliceRebuild(RunContext context, ModelCatalog catalog, List<IngestLedger.Entry> previousInputs) {
        this.context = context;
        this.catalog = catalog;
        this.previousInputs = previousInputs;
    }

    /** The column's values to recompute, sorted; empty when the whole table must be rebuilt. */
    Optional<List<String>> slices(Model model, OutputRecord last) {
        String column = model.spec().incrementalBy;
        return column == null ? Optional.empty() : addedValues(model, last, column).map(List::copyOf);
    }

    /**
     * Whether the table may stay as it is although files it can see were added: it reads a sliced source
     * only at one value ({@code reads_only} in its .yml, such as Figure 7's FTE at {@code :reference_period}),
     * and the added files hold no row of that value. The same conditions as {@link #slices} apply: the table
     * as last built is what this code made of the previous files, and the only change is added files of
     * sources that carry the column.
     */
    boolean leavesUnread(Model model, OutputRecord last) {
        if (model.spec().readsOnly.isEmpty()) {
            return false;
        }
        Map<String, Object> parameters = context.sqlParameters();
        for (Map.Entry<String, String> only : model.spec().readsOnly.entrySet()) {
            Object read = parameters.get(only.getValue());
            if (read == null) {
                throw new IllegalStateException(model.qualifiedName() + ": reads_only names parameter "
                        + only.getValue() + ", which is not one of " + parameters.keySet());
            }
            Optional<Set<String>> added = addedValues(model, last, only.getKey());
            if (added.isEmpty() || added.get().contains(read.toString())) {
                return false;
            }
        }
        return true;
    }

    /** The values of {@code column} in the files added since the table was built; empty when not a slice. */
    private Optional<Set<String>> addedValues(Model model, OutputRecord last, String column) {
        if (last == null || previousInputs.isEmpty()
                || !catalog.fingerprint(context, model.qualifiedName(), previousInputs).equals(last.fingerprint())) {
            return Optional.empty();
        }
        Optional<Map<Source, List<String>>> added = addedFiles(previousInputs, context.visibleInputs(),
                catalog.sourcesOf(model.qualifiedName()), column);
        if (added.isEmpty()) {
            return Optional.empty();
        }
        Set<String> values = new TreeSet<>();
        added.get().forEach((source, files) -> values.addAll(valuesOfAdded.computeIfAbsent(
                source.table() + "\u0000" + column + "\u0000" + String.join("\u0000", files),
                key -> valuesIn(source, files, column))));
        return Optional.of(values);
    }

    private Set<String> valuesIn(Source source, List<String> files, String column) {
        Set<String> values = new TreeSet<>();
        // Delta skips every other file of the source by its _source_file statistics.
        for (Row r : context.spark().table(source.qualifiedTable())
                .where(Predicates.in(BronzeSchema.SOURCE_FILE, files)).select(col(column)).distinct()
                .collectAsList()) {
            if (!r.isNullAt(0)) {
                values.add(r.get(0).toString());
            }
        }
        return values;
    }

    /**
     * The landing files added since {@code before}, by source, when they are the only change among the
     * sources a table reads and every source they belong to has the slicing column; else empty.
     */
    static Optional<Map<Source, List<String>>> addedFiles(Collection<IngestLedger.Entry> before,
                                                          Collection<IngestLedger.Entry> now, Set<Source> sources,
                                                          String column) {
        Map<String, IngestLedger.Entry> then = byFile(before, sources);
        Map<String, IngestLedger.Entry> current = byFile(now, sources);
        for (IngestLedger.Entry old : then.values()) {
            IngestLedger.Entry same = current.get(old.sourceFile());
            if (same == null || !same.sha256().equals(old.sha256())) {
                return Optional.empty(); // a file gone or changed: not a slice of new data
            }
        }
        Map<Source, List<String>> added = new TreeMap<>();
        for (IngestLedger.Entry e : current.values()) {
            if (then.containsKey(e.sourceFile())) {
                continue;
            }
            Source source = sourceOf(e, sources);
            if (source.columns().stream().noneMatch(c -> c.name().equals(column))) {
                return Optional.empty(); // new data the column does not slice
            }
            added.computeIfAbsent(source, k -> new java.util.ArrayList<>()).add(e.sourceFile());
        }
        return added.isEmpty() ? Optional.empty() : Optional.of(added);
    }

    private static Map<String, IngestLedger.Entry> byFile(Collection<IngestLedger.Entry> entries, Set<Source> sources) {
        Map<String, IngestLedger.Entry> files = new LinkedHashMap<>();
        entries.stream().filter(e -> sources.stream().anyMatch(s -> s.table().equals(e.source())))
                .sorted(java.util.Comparator.comparing(IngestLedger.Entry::sourceFile))
                .forEach(e -> files.put(e.sourceFile(), e));
        return files;
    }

    private static Source sourceOf(IngestLedger.Entry entry, Set<Source> sources) {
        return sources.stream().filter(s -> s.table().equals(entry.source())).findFirst().orElseThrow();
    }
}
