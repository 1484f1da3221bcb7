package uk.nhs.digitalmaturity.contract;

import java.util.List;

/** Formats shared by several sources. */
final class Codes {
    /** An ODS organisation code. */
    static final String ORG_CODE = "^[A-Z0-9]{3,5}$";

    /** A GP practice code: six characters (real ones are a letter and five digits). */
    static final String PRACTICE_CODE = "^[A-Z0-9]{6}$";

    /** dspt_status.csv lists trusts and, for GP practices, practice codes (contract, gp/). */
    static final String ORG_OR_PRACTICE_CODE = "^[A-Z0-9]{3,6}$";

    /** The sectors of organisations.csv, also the values of dma_questions.csv's sectors list. */
    static final List<String> SECTORS = List.of("ACUTE", "SPECIALIST", "MENTAL_HEALTH", "COMMUNITY", "AMBULANCE",
            "UNKNOWN");

    private Codes() {
    }
}
