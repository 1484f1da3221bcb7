package uk.nhs.digitalmaturity.ingest;

import java.util.List;
import java.util.stream.Collectors;

/** SQL predicates over landing file paths, for replaceWhere. */
final class Predicates {
    private Predicates() {
    }

    static String fileIn(String column, List<String> files) {
        return column + " IN (" + files.stream().map(f -> "'" + f.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .sorted().collect(Collectors.joining(", ")) + ")";
    }
}
