package uk.nhs.digitalmaturity.contract;

import static uk.nhs.digitalmaturity.contract.Column.date;
import static uk.nhs.digitalmaturity.contract.Column.finYear;
import static uk.nhs.digitalmaturity.contract.Column.number;
import static uk.nhs.digitalmaturity.contract.Column.oneOf;
import static uk.nhs.digitalmaturity.contract.Column.optionalListOf;
import static uk.nhs.digitalmaturity.contract.Column.optionalText;
import static uk.nhs.digitalmaturity.contract.Column.pattern;
import static uk.nhs.digitalmaturity.contract.Column.period;
import static uk.nhs.digitalmaturity.contract.Column.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every landing file the extract contract defines ({@code ../shared/extract-contract.md}), in the order the
 * pipeline ingests them: reference lists before the rows that must be found in them.
 */
public enum Source {
    ORGANISATIONS("organisations", "organisations.csv", Zone.BRONZE,
            List.of(pattern("org_code", Codes.ORG_CODE, "an ODS code of 3 to 5 capitals or digits", "ODS organisation code"),
                    text("org_name", "Organisation name as published by ODS"),
                    oneOf("org_type", List.of("NHS_TRUST", "FOUNDATION_TRUST"), "NHS_TRUST or FOUNDATION_TRUST"),
                    oneOf("sector", Codes.SECTORS, "Sector of the trust"),
                    pattern("region_code", "^[A-Z0-9]{3}$", "a 3-character region code such as Y56",
                            "NHS England region code"),
                    date("open_date", true, "Date the organisation opened"),
                    date("close_date", false, "Date the organisation closed; empty while open")),
            List.of("org_code"), List.of()),

    SUCCESSORS("organisations", "successors.csv", Zone.BRONZE,
            List.of(pattern("predecessor_code", Codes.ORG_CODE, "an ODS code", "Code of the organisation that closed"),
                    pattern("successor_code", Codes.ORG_CODE, "an ODS code", "Code of the organisation that took over"),
                    date("effective_date", true, "Date the successor took over")),
            List.of("predecessor_code"), List.of()),

    FINANCE_CODES("finance", "finance_codes.csv", Zone.BRONZE,
            List.of(text("sub_code", "Trust Accounts Consolidation sub-code"),
                    optionalText("description", "What the sub-code records"),
                    // IT_CAPEX is gross additions; disposals have their own measure so that nothing nets them
                    // into Figures 6 and 7 (contract: "never net of disposals").
                    oneOf("measure", List.of("IT_CAPEX", "IT_CAPEX_DISPOSALS", "TOTAL_OPERATING_EXPENDITURE",
                                    "OPERATING_INCOME", "OTHER"),
                            "The measure the sub-code contributes to")),
            List.of("sub_code"), List.of()),

    FINANCE_RETURNS("finance", "finance_returns.csv", Zone.BRONZE,
            List.of(pattern("org_code", Codes.ORG_CODE, "an ODS code", "Submitting organisation"),
                    finYear("fin_year", "Financial year YYYY-YY"),
                    text("sub_code", "Sub-code listed in finance_codes.csv"),
                    number("value_k", ColumnType.DECIMAL, true, null,
                            "Value in GBP thousands, nominal; may be negative (disposals)")),
            List.of("org_code", "fin_year", "sub_code"),
            List.of(Reference.KNOWN_ORG,
                    new Reference(Rule.UNKNOWN_CODE, List.of("sub_code"),
                            "SELECT sub_code FROM bronze.finance_codes", "sub_code is listed in finance_codes.csv"))),

    DEFLATORS("deflators", "gdp_deflators.csv", Zone.BRONZE,
            List.of(finYear("fin_year", "Financial year YYYY-YY"),
                    number("index", ColumnType.PRECISE_DECIMAL, true,
                            new Column.Range(BigDecimal.ZERO, false, null, false),
                            "GDP deflator at market prices, in the file's own base")),
            List.of("fin_year"), List.of()),

    INFORMATICS_OCCUPATIONS("workforce", "informatics_occupations.csv", Zone.BRONZE,
            List.of(text("occupation_code", "ESR occupation code counted as informatics"),
                    text("category", "Informatics category of the occupation")),
            List.of("occupation_code"), List.of()),

    WORKFORCE_ORG("workforce", "workforce_org.csv", Zone.BRONZE,
            List.of(period("period", "Month YYYY-MM"),
                    pattern("org_code", Codes.ORG_CODE, "an ODS code", "Employing organisation"),
                    text("staff_group", "NHS Workforce Statistics staff group"),
                    number("fte", ColumnType.DECIMAL, true, new Column.Range(BigDecimal.ZERO, true, null, false),
                            "Full-time equivalent")),
            // Published rows carry breakdowns (nationality) that the contract sums over, so repeated keys
            // are expected and are not duplicates.
            null, List.of(Reference.KNOWN_ORG)),

    WORKFORCE_STAFF("workforce", "workforce_staff.csv", Zone.RESTRICTED,
            List.of(period("period", "Month YYYY-MM"),
                    pattern("org_code", Codes.ORG_CODE, "an ODS code", "Employing organisation"),
                    pattern("person_id", "^[0-9a-fA-F]{64}$", "64 hexadecimal characters",
                            "Pseudonymised person identifier (restricted)"),
                    text("assignment_id", "Assignment identifier, unique within period and organisation (restricted)"),
                    text("staff_group", "Staff group"),
                    text("occupation_code", "ESR occupation code"),
                    number("fte", ColumnType.DECIMAL, true,
                            new Column.Range(BigDecimal.ZERO, false, new BigDecimal("1.5"), true),
                            "Full-time equivalent of the assignment")),
            List.of("period", "org_code", "assignment_id"), List.of(Reference.KNOWN_ORG)),

    DMA_ANSWER_SCALES("dma", "dma_answer_scales.csv", Zone.BRONZE,
            List.of(text("answer_scale", "Answer scale name"),
                    text("answer_code", "Answer code within the scale"),
                    text("label", "Answer label as published"),
                    number("score", ColumnType.PRECISE_DECIMAL, false,
                            new Column.Range(BigDecimal.ZERO, true, new BigDecimal(100), true),
                            "NHS England's published score 0-100; empty for answers that carry no score"),
                    number("ordinal", ColumnType.INTEGER, true, null, "Order of the answer in published charts")),
            List.of("answer_scale", "answer_code"), List.of()),

    DMA_QUESTIONS("dma", "dma_questions.csv", Zone.BRONZE,
            List.of(pattern("survey_year", "^\\d{4}$", "a four-digit year", "Survey year"),
                    text("question_id", "Question identifier"),
                    oneOf("theme", List.of("READINESS", "CAPABILITY", "INFRASTRUCTURE", "NONE"),
                            "Theme the question scores towards; NONE when asked but not scored"),
                    number("weight", ColumnType.PRECISE_DECIMAL, true,
                            new Column.Range(BigDecimal.ZERO, true, null, false), "Weight within its theme"),
                    text("answer_scale", "Answer scale of the question"),
                    new Column("topic", ColumnType.TEXT, false, new Column.PatternCheck(
                            "^(STANDARD|STANDARD_USE|RECORDS|GOVERNANCE|SHARING):[A-Z0-9_]+$",
                            "empty or a tag such as STANDARD:SNOMED_CT"), "Tag used by the published figures"),
                    text("question_text", "Question as asked"),
                    // Added to the contract later: older snapshots and real feeds do not carry it.
                    optionalListOf("sectors", Codes.SECTORS, ";", "Sectors the question was asked of, separated by"
                            + " semicolons (e.g. ACUTE;SPECIALIST); empty or absent means every sector")),
            List.of("survey_year", "question_id"),
            List.of(new Reference(Rule.UNKNOWN_CODE, List.of("answer_scale"),
                    "SELECT answer_scale FROM bronze.dma_answer_scales",
                    "answer_scale is listed in dma_answer_scales.csv"))),

    DMA_RESPONSES("dma", "dma_responses.csv", Zone.BRONZE,
            List.of(pattern("survey_year", "^\\d{4}$", "a four-digit year", "Survey year"),
                    pattern("org_code", Codes.ORG_CODE, "an ODS code", "Responding organisation"),
                    text("question_id", "Question answered"),
                    text("answer_code", "Answer given, a code of the question's answer scale")),
            List.of("survey_year", "org_code", "question_id"),
            List.of(Reference.KNOWN_ORG,
                    new Reference(Rule.UNKNOWN_CODE, List.of("survey_year", "question_id", "answer_code"),
                            "SELECT q.survey_year, q.question_id, s.answer_code FROM bronze.dma_questions q "
                                    + "JOIN bronze.dma_answer_scales s ON s.answer_scale = q.answer_scale",
                            "the question exists in that survey year and the answer is on its scale"))),

    GP_PRACTICES("gp", "gp_practices.csv", Zone.BRONZE,
            List.of(pattern("practice_code", Codes.PRACTICE_CODE, "six capitals or digits", "GP practice code (ODS)"),
                    text("practice_name", "Practice name as published by ODS"),
                    date("open_date", true, "Date the practice opened"),
                    date("close_date", false, "Date the practice closed; empty while open"),
                    new Column("parent_org_code", ColumnType.TEXT, false, new Column.PatternCheck(Codes.ORG_CODE,
                            "empty or an ODS code of 3 to 5 capitals or digits"),
                            "Commissioner or other parent organisation, where the source gives one")),
            List.of("practice_code"), List.of()),

    // The contract puts the GP scales "in the dma_answer_scales.csv form (same folder)": the same file name as the
    // trusts' scales, so the bronze table takes an explicit name that keeps the two apart.
    GP_DMA_ANSWER_SCALES("gp", "dma_answer_scales.csv", "gp_dma_answer_scales", Zone.BRONZE,
            DMA_ANSWER_SCALES.columns, List.of("answer_scale", "answer_code"), List.of()),

    GP_DMA_QUESTIONS("gp", "gp_dma_questions.csv", Zone.BRONZE,
            List.of(finYear("survey_year", "Survey year YYYY-YY, e.g. 2019-20"),
                    text("question_id", "Question identifier"),
                    text("topic", "Topic the question belongs to, e.g. REMOTE_WORKING"),
                    text("answer_scale", "Answer scale of the question (gp/dma_answer_scales.csv)"),
                    text("question_text", "Question as asked")),
            List.of("survey_year", "question_id"),
            List.of(new Reference(Rule.UNKNOWN_CODE, List.of("answer_scale"),
                    "SELECT answer_scale FROM bronze.gp_dma_answer_scales",
                    "answer_scale is listed in gp/dma_answer_scales.csv"))),

    GP_DMA_RESPONSES("gp", "gp_dma_responses.csv", Zone.BRONZE,
            List.of(finYear("survey_year", "Survey year YYYY-YY"),
                    pattern("practice_code", Codes.PRACTICE_CODE, "six capitals or digits", "Responding practice"),
                    text("question_id", "Question answered"),
                    text("answer_code", "Answer given, a code of the question's answer scale")),
            List.of("survey_year", "practice_code", "question_id"),
            List.of(Reference.KNOWN_PRACTICE,
                    new Reference(Rule.UNKNOWN_CODE, List.of("survey_year", "question_id", "answer_code"),
                            "SELECT q.survey_year, q.question_id, s.answer_code FROM bronze.gp_dma_questions q "
                                    + "JOIN bronze.gp_dma_answer_scales s ON s.answer_scale = q.answer_scale",
                            "the question exists in that survey year and the answer is on its scale"))),

    CEPLUS_RESULTS("cyber", "ceplus_results.csv", Zone.RESTRICTED,
            List.of(text("assessment_id", "On-site assessment identifier"),
                    pattern("org_code", Codes.ORG_CODE, "an ODS code", "Assessed organisation (restricted)"),
                    date("assessment_date", true, "Date of the assessment"),
                    text("requirement_id", "Requirement tested"),
                    oneOf("outcome", List.of("PASS", "FAIL", "NOT_TESTED"), "Outcome of the requirement")),
            List.of("assessment_id", "requirement_id"), List.of(Reference.KNOWN_ORG)),

    DSPT_STATUS("cyber", "dspt_status.csv", Zone.BRONZE,
            List.of(pattern("org_code", Codes.ORG_OR_PRACTICE_CODE, "an ODS code or a GP practice code",
                            "Organisation: a trust, or a GP practice"),
                    finYear("dspt_year", "Toolkit year YYYY-YY"),
                    oneOf("status", DsptStatus.codes(), "Publication status"),
                    date("status_date", true, "Date of the status")),
            List.of("org_code", "dspt_year", "status_date"), List.of(Reference.KNOWN_ORG_OR_PRACTICE)),

    PROGRAMME_MEMBERSHIP("programmes", "programme_membership.csv", Zone.BRONZE,
            List.of(pattern("org_code", Codes.ORG_CODE, "an ODS code", "Member trust"),
                    oneOf("programme", List.of("GLOBAL_DIGITAL_EXEMPLAR", "FAST_FOLLOWER", "DIGITAL_ASPIRANT"),
                            "National digital funding programme"),
                    pattern("start_year", "^\\d{4}$", "a four-digit year",
                            "Year the trust's membership and funding started (2016 for 2016-17)"),
                    number("central_funding_gbp", ColumnType.DECIMAL, true,
                            new Column.Range(BigDecimal.ZERO, true, null, false),
                            "Central funding committed to the trust by the programme, GBP")),
            List.of("org_code", "programme"), List.of(Reference.KNOWN_ORG));

    private final String folder;
    private final String fileName;
    private final String table;
    private final Zone zone;
    private final List<Column> columns;
    private final List<String> naturalKey;
    private final List<Reference> references;

    Source(String folder, String fileName, Zone zone, List<Column> columns, List<String> naturalKey,
           List<Reference> references) {
        this(folder, fileName, fileName.substring(0, fileName.length() - ".csv".length()).replace("gdp_", ""), zone,
                columns, naturalKey, references);
    }

    Source(String folder, String fileName, String table, Zone zone, List<Column> columns, List<String> naturalKey,
           List<Reference> references) {
        this.folder = folder;
        this.fileName = fileName;
        this.table = table;
        this.zone = zone;
        this.columns = columns;
        this.naturalKey = naturalKey;
        this.references = references;
    }

    /** The landing folder, {@code <landing>/<folder>/<snapshot>/<fileName>}. */
    public String folder() {
        return folder;
    }

    public String fileName() {
        return fileName;
    }

    /** Where one snapshot of this file lies below the landing root: {@code <folder>/<snapshot>/<fileName>}. */
    public String landingPath(LocalDate snapshot) {
        return folder + "/" + snapshot + "/" + fileName;
    }

    public Zone zone() {
        return zone;
    }

    /** Bronze table name, e.g. {@code finance_returns}. */
    public String table() {
        return table;
    }

    public String qualifiedTable() {
        return zone.database() + "." + table();
    }

    public List<Column> columns() {
        return columns;
    }

    /** The column names in the contract's order: the header row the importers and the generator write. */
    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    /** The key that must be unique within one snapshot, or empty where repeats are summed. */
    public Optional<List<String>> naturalKey() {
        return Optional.ofNullable(naturalKey);
    }

    /**
     * The grain at which a later snapshot replaces an earlier one. For most sources this is the natural key.
     * Workforce: a resubmitted month for a trust replaces that whole trust-month (a staff-level extract lists
     * assignments, some of which may have gone; published rows are summed over breakdowns).
     * DSPT: the latest status per organisation and toolkit year.
     */
    public List<String> supersessionKey() {
        return switch (this) {
            case WORKFORCE_STAFF, WORKFORCE_ORG -> List.of("period", "org_code");
            case DSPT_STATUS -> List.of("org_code", "dspt_year");
            default -> naturalKey;
        };
    }

    /** Within the latest snapshot of a supersession key, which rows win (empty: all of them). */
    public List<String> latestWithinSnapshotBy() {
        return this == DSPT_STATUS ? List.of("status_date") : List.of();
    }

    public List<Reference> references() {
        return references;
    }

    /** Column of bronze partitioning, for the sources big enough to need it. */
    public Optional<String> partitionColumn() {
        return this == WORKFORCE_STAFF ? Optional.of("period") : Optional.empty();
    }

    public static Optional<Source> forFile(String folder, String fileName) {
        return Arrays.stream(values())
                .filter(s -> s.folder.equals(folder) && s.fileName.equalsIgnoreCase(fileName))
                .findFirst();
    }

    public static boolean isSourceFolder(String folder) {
        return Arrays.stream(values()).anyMatch(s -> s.folder.equals(folder));
    }
}
