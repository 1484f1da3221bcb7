package uk.nhs.digitalmaturity.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a table's header row below title rows: the first row that names every required column. Header text is
 * compared after lower-casing and removing everything but letters and digits, so {@code ODSCode},
 * {@code ODS code} and {@code ods_code} all match {@code odscode}.
 */
final class HeaderRow {
    /** A logical column and the header spellings that name it. */
    record Column(String name, boolean required, List<String> aliases) {
        static Column required(String name, String... aliases) {
            return new Column(name, true, List.of(aliases));
        }

        static Column optional(String name, String... aliases) {
            return new Column(name, false, List.of(aliases));
        }
    }

    /** Where the header is and which column index holds each logical column; {@code others} are the rest. */
    record Match(int rowNumber, Map<String, Integer> columns, Map<Integer, String> others) {
        int index(String name) {
            return columns.getOrDefault(name, -1);
        }

        boolean has(String name) {
            return columns.containsKey(name);
        }
    }

    private HeaderRow() {
    }

    static String normalise(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Tries one row as the header; empty when a required column is missing. */
    static Optional<Match> match(XlsxWorkbook.XRow row, List<Column> spec) {
        List<String> cells = row.texts();
        Map<String, Integer> found = new LinkedHashMap<>();
        for (Column column : spec) {
            for (int i = 0; i < cells.size(); i++) {
                if (column.aliases().contains(normalise(cells.get(i))) && !found.containsValue(i)) {
                    found.put(column.name(), i);
                    break;
                }
            }
            if (column.required() && !found.containsKey(column.name())) {
                return Optional.empty();
            }
        }
        Map<Integer, String> others = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).isEmpty() && !found.containsValue(i)) {
                others.put(i, cells.get(i));
            }
        }
        return Optional.of(new Match(row.number(), found, others));
    }

    /** Required column names with their accepted spellings, for refusal messages. */
    static String describe(List<Column> spec) {
        List<String> parts = new ArrayList<>();
        for (Column c : spec) {
            if (c.required()) {
                parts.add(c.name() + " (" + String.join(" / ", c.aliases()) + ")");
            }
        }
        return String.join(", ", parts);
    }
}
