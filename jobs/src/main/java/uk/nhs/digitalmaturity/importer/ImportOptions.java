package uk.nhs.digitalmaturity.importer;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Everything an import needs besides the file itself.
 *
 * @param landing the landing-zone root
 * @param snapshot the snapshot date (the day the extract was received)
 * @param force replace an existing, different landing file for the same snapshot
 * @param sectorMap ods-etr only: CSV {@code org_code,sector}
 * @param period workforce-xlsx only: keep one month, {@code YYYY-MM}
 * @param dsptYear dspt-xlsx only: the toolkit year of the publication, {@code YYYY-YY}
 * @param trustsFromLanding dspt-xlsx only: keep the codes listed in the landing zone's latest organisations.csv
 */
public record ImportOptions(Path landing, LocalDate snapshot, boolean force, Optional<Path> sectorMap,
                            Optional<String> period, Optional<String> dsptYear, boolean trustsFromLanding) {

    public static ImportOptions of(Path landing, LocalDate snapshot) {
        return new ImportOptions(landing, snapshot, false, Optional.empty(), Optional.empty(), Optional.empty(),
                false);
    }

    public ImportOptions withForce(boolean value) {
        return new ImportOptions(landing, snapshot, value, sectorMap, period, dsptYear, trustsFromLanding);
    }

    public ImportOptions withSectorMap(Path value) {
        return new ImportOptions(landing, snapshot, force, Optional.ofNullable(value), period, dsptYear,
                trustsFromLanding);
    }

    public ImportOptions withPeriod(String value) {
        return new ImportOptions(landing, snapshot, force, sectorMap, Optional.ofNullable(value), dsptYear,
                trustsFromLanding);
    }

    public ImportOptions withDsptYear(String value) {
        return new ImportOptions(landing, snapshot, force, sectorMap, period, Optional.ofNullable(value),
                trustsFromLanding);
    }

    public ImportOptions withTrustsFromLanding(boolean value) {
        return new ImportOptions(landing, snapshot, force, sectorMap, period, dsptYear, value);
    }
}
