package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/**
 * The organisation codes in the landing zone's latest {@code organisations/<snapshot>/organisations.csv} dated on
 * or before a given snapshot (a later organisations snapshot is not known yet at that date).
 */
final class LandingOrganisations {
    /** The codes and the file they came from. */
    record Codes(Path file, Set<String> codes) {
    }

    private LandingOrganisations() {
    }

    static Codes latest(Path landing, LocalDate asAt) throws IOException {
        Path dir = landing.resolve(Source.ORGANISATIONS.folder());
        Optional<LocalDate> best = Optional.empty();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> snapshots = Files.newDirectoryStream(dir)) {
                for (Path s : snapshots) {
                    LocalDate date;
                    try {
                        date = LocalDate.parse(s.getFileName().toString());
                    } catch (DateTimeParseException e) {
                        continue;
                    }
                    if (!date.isAfter(asAt) && Files.isRegularFile(s.resolve(Source.ORGANISATIONS.fileName()))
                            && best.map(date::isAfter).orElse(true)) {
                        best = Optional.of(date);
                    }
                }
            }
        }
        if (best.isEmpty()) {
            throw new ContractViolation("--trusts-from-landing: " + dir + " has no snapshot dated on or before "
                    + asAt + " holding " + Source.ORGANISATIONS.fileName() + " (import the ODS etr file first). "
                    + "Nothing was written.");
        }
        Path file = dir.resolve(best.get().toString()).resolve(Source.ORGANISATIONS.fileName());
        Set<String> codes = new TreeSet<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true).setTrim(true).build();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            String column = parser.getHeaderNames().stream()
                    .filter(h -> h.replace("\uFEFF", "").trim().equalsIgnoreCase("org_code"))
                    .findFirst()
                    .orElseThrow(() -> new ContractViolation(file + " has no org_code column. Nothing was written."));
            for (CSVRecord r : parser) {
                codes.add(TrustCodes.normalise(r.get(column)));
            }
        }
        return new Codes(file, codes);
    }
}
