package uk.nhs.digitalmaturity.contract;

/**
 * Where a table lives. Restricted data (staff-level records, trust-level cyber results, quarantined raw
 * lines) sits in its own database and folder so that access can be granted separately and nothing in it
 * can reach a publication by accident.
 */
public enum Zone {
    BRONZE("bronze"),
    RESTRICTED("restricted"),
    REPORTING("reporting"),
    OPS("ops");

    private final String database;

    Zone(String database) {
        this.database = database;
    }

    public String database() {
        return database;
    }
}
