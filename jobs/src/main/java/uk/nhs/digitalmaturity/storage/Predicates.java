package uk.nhs.digitalmaturity.storage;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * SQL predicates for Delta's replaceWhere and for reads that Delta should prune by file statistics: landing
 * file paths at ingest, months of a table rebuilt a slice at a time.
 */
public final class Predicates {
    private Predicates() {
    }

    /** {@code column IN ('a', 'b')}, values quoted as Spark SQL string literals and sorted (a stable text). */
    public static String in(String column, Collection<String> values) {
        return column + " IN (" + values.stream().map(DeltaTables::quote).sorted().collect(Collectors.joining(", "))
                + ")";
    }
}
