package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ODS {@code etr} (NHS trusts and trust sites, the standard 27-field headerless layout; see
 * {@code etrust_spec.pdf}) to {@code organisations/<snapshot>/organisations.csv}.
 *
 * <ul>
 *   <li>field 1 organisation code, field 2 name, field 3 national grouping (the NHS England region, e.g.
 *   {@code Y54}; {@code W00} for Welsh trusts), field 11 open date and field 12 close date ({@code YYYYMMDD});
 *   </li>
 *   <li>trusts only: three-character codes; five-character trust-site codes are dropped;</li>
 *   <li>names kept exactly as published (upper case): title-casing would mangle {@code NHS}, {@code UCL},
 *   {@code 2GETHER};</li>
 *   <li>org_type {@code FOUNDATION_TRUST} when the name contains "FOUNDATION TRUST", else {@code NHS_TRUST};</li>
 *   <li>sector from {@code --sector-map} when given, else {@code UNKNOWN}.</li>
 * </ul>
 */
final class OdsEtrImporter implements SeveralFilesImporter {
    static final int FIELDS = 27;
    static final String SITE = "trust site (5-character code)";
    static final String OTHER_LENGTH = "not a trust-level code (neither 3 nor 5 characters)";

    /**
     * Several files in the same layout make one organisations.csv: ODS lists NHS trusts that were care trusts
     * (e.g. TAD, TAF, TAH, TAJ) in its care-trust file {@code ect}, not in {@code etr}.
     */
    @Override
    public ImportedTable read(List<Path> files, ImportOptions options) throws IOException {
        ImportKind kind = ImportKind.ODS_ETR;
        Map<String, String> sectors = options.sectorMap().isPresent()
                ? SectorMap.read(options.sectorMap().get()) : Map.of();
        DropCounts drops = new DropCounts();
        List<String> notes = new ArrayList<>();
        Map<String, List<String>> byCode = new TreeMap<>();
        Map<String, Path> source = new TreeMap<>();
        Set<String> withoutSector = new TreeSet<>();
        for (Path file : files) {
            DelimitedFile.Content content = DelimitedFile.read(file, kind, FIELDS);
            content.notes().forEach(n -> notes.add(file.getFileName() + ": " + n));
            for (long i = 0; i < content.blankLines(); i++) {
                drops.add("blank line");
            }
            readLines(file, kind, content, sectors, drops, byCode, source, withoutSector);
        }
        if (byCode.isEmpty()) {
            throw Refusals.notRecognised(files.get(0), kind, "it holds no trust-level (3-character) codes");
        }
        if (files.size() > 1) {
            Map<Path, Long> perFile = new java.util.LinkedHashMap<>();
            files.forEach(f -> perFile.put(f.getFileName(), source.values().stream().filter(f::equals).count()));
            notes.add("trusts per file " + perFile);
        }
        if (!sectors.isEmpty()) {
            Set<String> unused = new TreeSet<>(sectors.keySet());
            unused.removeAll(byCode.keySet());
            if (!unused.isEmpty()) {
                notes.add(unused.size() + " sector-map codes are not trusts in the file(s)");
            }
        }
        if (!withoutSector.isEmpty()) {
            notes.add(withoutSector.size() + " trusts have sector UNKNOWN"
                    + (sectors.isEmpty() ? " (no --sector-map given)" : " (not in the sector map)"));
        }
        long welsh = byCode.values().stream().filter(r -> r.get(4).startsWith("W")).count();
        if (welsh > 0) {
            notes.add(welsh + " Welsh trusts kept (national grouping W00)");
        }
        return new ImportedTable(kind.source().header(), new ArrayList<>(byCode.values()), drops, notes);
    }

    private static void readLines(Path file, ImportKind kind, DelimitedFile.Content content,
                                  Map<String, String> sectors, DropCounts drops, Map<String, List<String>> byCode,
                                  Map<String, Path> source, Set<String> withoutSector) {
        for (DelimitedFile.Line line : content.lines()) {
            List<String> f = line.fields();
            String code = TrustCodes.normalise(f.get(0));
            if (!code.matches("[A-Z0-9]{3,5}")) {
                throw Refusals.notRecognised(file, kind, "line " + line.number() + ": field 1 '" + f.get(0)
                        + "' is not an ODS code");
            }
            if (code.length() == 5) {
                drops.add(SITE);
                continue;
            }
            if (code.length() != 3) {
                drops.add(OTHER_LENGTH);
                continue;
            }
            String name = f.get(1).trim();
            String region = f.get(2).trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw Refusals.notRecognised(file, kind, "line " + line.number() + ": field 2 (name) is blank");
            }
            if (!region.matches("[A-Z0-9]{3}")) {
                throw Refusals.notRecognised(file, kind, "line " + line.number() + ": field 3 (national grouping) '"
                        + f.get(2) + "' is not a 3-character code");
            }
            LocalDate open = ExcelDates.fromYyyymmdd(f.get(10)).orElseThrow(() -> Refusals.notRecognised(file, kind,
                    "line " + line.number() + ": field 11 (open date) '" + f.get(10) + "' is not a YYYYMMDD date"));
            String close = "";
            if (!f.get(11).isBlank()) {
                close = ExcelDates.fromYyyymmdd(f.get(11)).orElseThrow(() -> Refusals.notRecognised(file, kind,
                        "line " + line.number() + ": field 12 (close date) '" + f.get(11)
                                + "' is not a YYYYMMDD date")).toString();
            }
            String type = name.toUpperCase(Locale.ROOT).contains("FOUNDATION TRUST") ? "FOUNDATION_TRUST"
                    : "NHS_TRUST";
            String sector = sectors.get(code);
            if (sector == null) {
                sector = "UNKNOWN";
                withoutSector.add(code);
            }
            List<String> row = List.of(code, name, type, sector, region, open.toString(), close);
            Path earlier = source.putIfAbsent(code, file);
            if (earlier != null) {
                throw Refusals.notRecognised(file, kind, "organisation code " + code + " appears twice (line "
                        + line.number() + (earlier.equals(file) ? "" : ", and in " + earlier) + ")");
            }
            byCode.put(code, row);
        }
    }
}
