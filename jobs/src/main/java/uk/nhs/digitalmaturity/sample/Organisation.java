package uk.nhs.digitalmaturity.sample;

import java.time.LocalDate;

/** One NHS trust as the ODS reference describes it at some snapshot. {@code close} is null while open. */
record Organisation(String code, String name, String orgType, String sector, String region, LocalDate open,
                    LocalDate close) {

    /** Open at the start of {@code day}: opened on or before it and not closed on or before it. */
    boolean isOpenOn(LocalDate day) {
        return !open.isAfter(day) && (close == null || close.isAfter(day));
    }

    Organisation closedOn(LocalDate day) {
        return new Organisation(code, name, orgType, sector, region, open, day);
    }

    Organisation renamed(String newName, String newSector) {
        String type = newName.toUpperCase(java.util.Locale.ROOT).contains("FOUNDATION TRUST")
                ? "FOUNDATION_TRUST" : "NHS_TRUST";
        return new Organisation(code, newName, type, newSector == null ? sector : newSector, region, open, close);
    }
}
