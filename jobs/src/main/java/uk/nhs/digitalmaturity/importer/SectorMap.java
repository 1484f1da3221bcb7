package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/**
 * The optional {@code --sector-map} for {@code ods-etr}: a CSV with a header row and columns {@code org_code}
 * and {@code sector} (matched case-insensitively; other columns ignored). Sectors are the contract's enum,
 * matched case-insensitively. ODS itself does not publish a trust's sector.
 */
final class SectorMap {
    static final Set<String> SECTORS = Set.of("ACUTE", "SPECIALIST", "MENTAL_HEALTH", "COMMUNITY", "AMBULANCE",
            "UNKNOWN");

    private SectorMap() {
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> sectors = new TreeMap<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true).build();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            Map<String, Integer> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            parser.getHeaderMap().forEach((name, index) -> columns.put(name.replace("\uFEFF", "").trim(), index));
            Integer code = columns.get("org_code");
            Integer sector = columns.get("sector");
            if (code == null || sector == null) {
                throw new ContractViolation(file + ": a sector map needs a header row with org_code and sector "
                        + "columns; found " + parser.getHeaderNames() + ". Nothing was written.");
            }
            for (CSVRecord record : parser) {
                String c = TrustCodes.normalise(record.get(code));
                String s = record.get(sector).trim().toUpperCase(Locale.ROOT).replace(' ', '_');
                if (!SECTORS.contains(s)) {
                    throw new ContractViolation(file + ", line " + (record.getRecordNumber() + 1) + ": sector '"
                            + record.get(sector) + "' is not one of " + sectorsList() + ". Nothing was written.");
                }
                String previous = sectors.put(c, s);
                if (previous != null && !previous.equals(s)) {
                    throw new ContractViolation(file + ": org_code " + c + " is mapped to both " + previous
                            + " and " + s + ". Nothing was written.");
                }
            }
        } catch (java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new ContractViolation(file + ": not a readable sector map CSV (" + e.getMessage() + "). "
                    + "Nothing was written.", e);
        }
        return sectors;
    }

    private static String sectorsList() {
        return new java.util.TreeSet<>(SECTORS).toString();
    }
}
