package uk.nhs.digitalmaturity.contract;

import java.util.List;

/**
 * A referential rule: the row's {@code columns} must appear among the rows of {@code sql}, a query over
 * bronze that returns columns of the same names. Written as SQL so that an auditor reads it as it runs.
 */
public record Reference(Rule rule, List<String> columns, String sql, String description) {

    static final Reference KNOWN_ORG = new Reference(Rule.UNKNOWN_ORG, List.of("org_code"),
            "SELECT org_code FROM bronze.organisations UNION SELECT predecessor_code AS org_code FROM bronze.successors",
            "org_code is an organisation in organisations.csv or a predecessor in successors.csv");

    /** A GP practice of gp_practices.csv; an unknown practice is an unknown organisation, as for trusts. */
    static final Reference KNOWN_PRACTICE = new Reference(Rule.UNKNOWN_ORG, List.of("practice_code"),
            "SELECT practice_code FROM bronze.gp_practices", "practice_code is a practice in gp_practices.csv");

    /** DSPT statuses are published for trusts and GP practices alike: for that source a practice is known too. */
    static final Reference KNOWN_ORG_OR_PRACTICE = new Reference(Rule.UNKNOWN_ORG, List.of("org_code"),
            KNOWN_ORG.sql() + " UNION SELECT practice_code AS org_code FROM bronze.gp_practices",
            "org_code is an organisation in organisations.csv, a predecessor in successors.csv or a GP practice in"
                    + " gp_practices.csv");
}
