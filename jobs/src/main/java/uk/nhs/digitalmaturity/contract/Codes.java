package uk.nhs.digitalmaturity.contract;

/** Formats shared by several sources. */
final class Codes {
    /** An ODS organisation code. */
    static final String ORG_CODE = "^[A-Z0-9]{3,5}$";

    private Codes() {
    }
}
