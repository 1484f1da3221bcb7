package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ODS {@code succ} (successor organisations) to {@code organisations/<snapshot>/successors.csv}.
 *
 * <p>Layout assumed (ODS publishes it without a header; the same layout is used by {@code succarc}, the archive
 * of earlier years): field 1 predecessor organisation code, field 2 successor organisation code, field 3
 * reason / succession type (e.g. {@code R}), field 4 effective date {@code YYYYMMDD}, field 5 indicator (often
 * blank). Fields 3 and 5 are not carried into the landing file.
 *
 * <p>The file covers every kind of organisation (GP practices, CCGs, trusts). Only successions from one
 * trust-level code to another (three characters, beginning R or T) are kept; the rest are counted as dropped.
 */
final class OdsSuccImporter implements SeveralFilesImporter {
    static final int FIELDS = 5;
    static final String NOT_TRUST = "not between two NHS trust codes (3 characters beginning R or T)";

    /**
     * Several files in the same layout make one successors.csv, e.g. {@code succ} and its archive
     * {@code succarc}; a line found in both is kept once (counted as a duplicate).
     */
    @Override
    public ImportedTable read(List<Path> files, ImportOptions options) throws IOException {
        ImportKind kind = ImportKind.ODS_SUCC;
        DropCounts drops = new DropCounts();
        Map<List<String>, List<String>> rows = new TreeMap<>(OdsSuccImporter::compare);
        List<String> notes = new ArrayList<>();
        for (Path file : files) {
            DelimitedFile.Content content = DelimitedFile.read(file, kind, FIELDS);
            content.notes().forEach(n -> notes.add(file.getFileName() + ": " + n));
            for (long i = 0; i < content.blankLines(); i++) {
                drops.add("blank line");
            }
            readLines(file, kind, content, drops, rows);
        }
        Map<String, Long> successorsPer = new TreeMap<>();
        rows.keySet().forEach(r -> successorsPer.merge(r.get(0), 1L, Long::sum));
        long splits = successorsPer.values().stream().filter(n -> n > 1).count();
        if (splits > 0) {
            notes.add(splits + " predecessors have more than one successor");
        }
        return new ImportedTable(kind.source().header(), new ArrayList<>(rows.values()), drops, notes);
    }

    private static void readLines(Path file, ImportKind kind, DelimitedFile.Content content, DropCounts drops,
                                  Map<List<String>, List<String>> rows) {
        for (DelimitedFile.Line line : content.lines()) {
            List<String> f = line.fields();
            String predecessor = TrustCodes.normalise(f.get(0));
            String successor = TrustCodes.normalise(f.get(1));
            if (!predecessor.matches("[A-Z0-9]{3,10}") || !successor.matches("[A-Z0-9]{3,10}")) {
                throw Refusals.notRecognised(file, kind, "line " + line.number() + ": fields 1 and 2 ('" + f.get(0)
                        + "', '" + f.get(1) + "') are not ODS codes");
            }
            LocalDate effective = ExcelDates.fromYyyymmdd(f.get(3)).orElseThrow(() -> Refusals.notRecognised(file,
                    kind, "line " + line.number() + ": field 4 (effective date) '" + f.get(3)
                            + "' is not a YYYYMMDD date"));
            if (!TrustCodes.isTrustCode(predecessor) || !TrustCodes.isTrustCode(successor)) {
                drops.add(NOT_TRUST);
                continue;
            }
            if (predecessor.equals(successor)) {
                drops.add("predecessor and successor are the same code");
                continue;
            }
            List<String> row = List.of(predecessor, successor, effective.toString());
            if (rows.put(row, row) != null) {
                drops.add("duplicate line");
            }
        }
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
