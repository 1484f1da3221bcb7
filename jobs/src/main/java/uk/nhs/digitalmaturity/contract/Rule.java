package uk.nhs.digitalmaturity.contract;

/**
 * The rules a landing row can break. Each quarantined row carries exactly one: the first it broke, in the
 * order row shape → encoding → column values → references → keys. Which file is refused as a whole instead
 * (exit 3) and which row is quarantined under which rule is tabled in docs/landing.md.
 */
public enum Rule {
    MALFORMED_RECORD("the line is not one whole CSV record with the header's number of fields: a blank line,"
            + " a piece of a record broken by a quoted newline (an odd number of quote characters), a field over"
            + " 65,536 or a line over 1,048,576 characters, or too few or too many fields"),
    INVALID_ENCODING("the line is not valid UTF-8 (for example a Latin-1 or Windows-1252 byte such as a pound"
            + " sign), so no value of it can be trusted; a U+FFFD character is treated the same way"),
    MISSING_VALUE("a required column is blank"),
    INVALID_TYPE("a value is not of the column's type (ISO date, decimal, whole number)"),
    INVALID_FORMAT("a value does not have the column's format (code pattern, YYYY-MM period, topic tag)"),
    NOT_IN_ENUM("a value is not one of the column's allowed values"),
    OUT_OF_RANGE("a number is outside the column's range (for example FTE must be > 0 and <= 1.5)"),
    BAD_FIN_YEAR("a financial year is not YYYY-YY with the second year following the first"),
    INCONSISTENT_DATES("a close date is before the open date"),
    UNKNOWN_ORG("the organisation code is not in the organisation reference (nor a predecessor)"),
    UNKNOWN_CODE("a code is not in its reference list (finance sub-code, survey question, answer scale or answer)"),
    DUPLICATE_KEY("more than one row of the same snapshot has this natural key; all of them are held back");

    private final String meaning;

    Rule(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
