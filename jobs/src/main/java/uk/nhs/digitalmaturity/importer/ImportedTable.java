package uk.nhs.digitalmaturity.importer;

import java.util.List;

/**
 * What an importer read from a publication: the landing rows (already in their stable order), the rows it
 * dropped by reason, and notes worth a reader's attention (assumptions applied, values substituted).
 */
public record ImportedTable(List<String> header, List<List<String>> rows, DropCounts drops, List<String> notes) {
    public ImportedTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalStateException("row " + row + " does not match header " + header);
            }
        }
    }
}
