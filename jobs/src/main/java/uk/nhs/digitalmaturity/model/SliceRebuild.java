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
 */
final class SliceRebuild {
    private SliceRebuild() {
    }

    /** The column's values to recompute, sorted; empty when the whole table must be rebuilt. */
    static Optional<List<String>> slices(RunContext context, ModelCatalog catalog, Model model, OutputRecord last,
                                         List<IngestLedger.Entry> previousInputs) {
        String column = model.spec().incrementalBy;
        if (column == null || last == null || previousInputs.isEmpty()
                || !catalog.fingerprint(context, model.qualifiedName(), previousInputs).equals(last.fingerprint())) {
            return Optional.empty();
        }
        Optional<Map<Source, List<String>>> added = addedFiles(previousInputs, context.visibleInputs(),
                catalog.sourcesOf(model.qualifiedName()), column);
        if (added.isEmpty()) {
            return Optional.empty();
        }
        Set<String> values = new TreeSet<>();
        added.get().forEach((source, files) -> {
            // Delta skips every other file of the source by its _source_file statistics.
            for (Row r : context.spark().table(source.qualifiedTable())
                    .where(Predicates.in(BronzeSchema.SOURCE_FILE, files)).select(col(column)).distinct()
                    .collectAsList()) {
                if (!r.isNullAt(0)) {
                    values.add(r.get(0).toString());
                }
            }
        });
        return Optional.of(List.copyOf(values));
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
