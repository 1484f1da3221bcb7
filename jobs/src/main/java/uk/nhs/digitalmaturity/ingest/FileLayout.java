package uk.nhs.digitalmaturity.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.nhs.digitalmaturity.contract.Column;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/**
 * Where each contract column sits in one file. Column order may differ between snapshots and names are
 * matched case-insensitively after trimming, as the contract says; columns the contract does not name are
 * kept as extras. A column the contract lets a file leave out ({@link Column#mayBeAbsent()}) has position
 * {@link #ABSENT} when it does, and reads as blank in every row.
 *
 * @param positions    position in the file of each contract column, in contract order, or {@link #ABSENT}
 * @param extraNames   names of the other columns
 * @param extraPositions their positions
 * @param width        number of fields every record must have
 */
public record FileLayout(int[] positions, String[] extraNames, int[] extraPositions, int width)
        implements Serializable {
    public static final int ABSENT = -1;

    public static FileLayout of(Source source, String[] header, String relativePath) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i] == null ? "" : header[i].trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new ContractViolation(relativePath + ": row 1 (header): column " + (i + 1) + " has no name");
            }
            if (byName.putIfAbsent(name, i) != null) {
                throw new ContractViolation(relativePath + ": row 1 (header): column " + name + " appears twice");
            }
        }
        List<Column> columns = source.columns();
        int[] positions = new int[columns.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Integer at = byName.remove(columns.get(c).name());
            if (at == null && columns.get(c).mayBeAbsent()) {
                positions[c] = ABSENT;
            } else if (at == null) {
                missing.add(columns.get(c).name());
            } else {
                positions[c] = at;
            }
        }
        if (!missing.isEmpty()) {
            throw new ContractViolation(relativePath + ": row 1 (header): missing column(s) " + String.join(", ", missing)
                    + "; a " + source.fileName() + " must have "
                    + String.join(", ", columns.stream().filter(c -> !c.mayBeAbsent()).map(Column::name).toList())
                    // a ; or tab separated export reads as one column named after the whole header
                    + (header.length == 1 ? " (the header is a single column: fields must be separated by commas)" : ""));
        }
        List<Map.Entry<String, Integer>> extras = new ArrayList<>(byName.entrySet());
        extras.sort(Map.Entry.comparingByValue());
        return new FileLayout(positions,
                extras.stream().map(Map.Entry::getKey).toArray(String[]::new),
                extras.stream().mapToInt(Map.Entry::getValue).toArray(),
                header.length);
    }
}
