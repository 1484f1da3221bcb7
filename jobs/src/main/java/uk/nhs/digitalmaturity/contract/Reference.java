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
}
