package uk.nhs.digitalmaturity.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.FinancialYear;

/**
 * The analysis parameters of a run, read from {@code pipeline-defaults.yaml} (and an optional override
 * file). Every parameter that can change a published number is here, and all of them go into the run's
 * fingerprint.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class PipelineConfig {
    /** The shipped defaults, one file: {@code jobs/src/main/resources/pipeline-defaults.yaml}. */
    private static final String DEFAULTS = "pipeline-defaults.yaml";

    // Set by Jackson only: a loaded configuration never changes (command-line options make a copy).
    @JsonProperty("price_base_year") private String priceBaseYear;
    @JsonProperty("window_start") private String windowStart;
    @JsonProperty("window_end") private String windowEnd;
    @JsonProperty("reference_period") private String referencePeriod;
    @JsonProperty("it_share_ambition_pct") private double itShareAmbitionPct;
    @JsonProperty("cyber_comparison_dates") private List<String> cyberComparisonDates;
    @JsonProperty("dspt_follow_up") private List<DsptFollowUp> dsptFollowUp;
    @JsonProperty("organisation_count_dates") private List<String> organisationCountDates;
    @JsonProperty("gp_dspt_dates") private List<String> gpDsptDates;
    @JsonProperty("organisations_as_at") private String organisationsAsAt; // null: the reporting date
    @JsonProperty("log_retention") private String logRetention;
    @JsonProperty("deleted_file_retention") private String deletedFileRetention;
    @JsonProperty("local_shuffle_partitions") private int localShufflePartitions;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PipelineConfig() {
    }

    /** The shipped defaults, overlaid with {@code overrides} when given. */
    public static PipelineConfig load(Path overrides) {
        try (InputStream in = PipelineConfig.class.getResourceAsStream("/" + DEFAULTS)) {
            PipelineConfig config = YAML.readValue(in, PipelineConfig.class);
            if (overrides != null) {
                ObjectReader updater = YAML.readerForUpdating(config);
                config = updater.readValue(Files.readAllBytes(overrides));
            }
            config.validate();
            return config;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read pipeline configuration: " + e.getMessage(), e);
        }
    }

    /**
     * A copy with the command line's analysis options applied (a null keeps this configuration's value).
     *
     * @throws IllegalArgumentException when a value is not of its form (a usage error)
     */
    public PipelineConfig with(String priceBaseYear, String windowStart, String windowEnd, String referencePeriod) {
        PipelineConfig copy = YAML.convertValue(YAML.convertValue(this, Map.class), PipelineConfig.class);
        copy.priceBaseYear = priceBaseYear != null ? priceBaseYear : this.priceBaseYear;
        copy.windowStart = windowStart != null ? windowStart : this.windowStart;
        copy.windowEnd = windowEnd != null ? windowEnd : this.windowEnd;
        copy.referencePeriod = referencePeriod != null ? referencePeriod : this.referencePeriod;
        copy.validate();
        return copy;
    }

    /**
     * A copy whose organisations date is {@code date} ({@code run --organisations-as-at}); null keeps this
     * configuration's (by default none: the reporting date).
     */
    public PipelineConfig withOrganisationsAsAt(LocalDate date) {
        PipelineConfig copy = with(null, null, null, null);
        copy.organisationsAsAt = date != null ? date.toString() : this.organisationsAsAt;
        copy.validate();
        return copy;
    }

    /**
     * The configuration a recorded run used, rebuilt from its {@code ops.runs} parameters ({@link #describe}'s
     * text) over the shipped defaults, for {@code verify}. An organisations date equal to the as-at date is the
     * default (none fixed): both describe the same way.
     *
     * @throws IllegalArgumentException when a recorded parameter is not one this build knows, or does not describe
     *         back to the recorded text (the run was made by other code)
     */
    public static PipelineConfig reproducing(Map<String, String> recorded, LocalDate asAt) {
        PipelineConfig copy = load(null).with(null, null, null, null);
        for (Map.Entry<String, String> p : recorded.entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case "as_at", "z_95" -> { } // the date itself; a constant computed from commons-math3
                case "organisations_as_at" -> copy.organisationsAsAt = value.equals(asAt.toString()) ? null : value;
                case "price_base_year" -> copy.priceBaseYear = value;
                case "window_start" -> copy.windowStart = value;
                case "window_end" -> copy.windowEnd = value;
                case "reference_period" -> copy.referencePeriod = value;
                case "it_share_ambition_pct" -> copy.itShareAmbitionPct = Double.parseDouble(value);
                case "cyber_comparison_dates" -> copy.cyberComparisonDates = value.isEmpty() ? List.of()
                        : List.of(value.split(","));
                case "dspt_follow_up" -> copy.dsptFollowUp = value.isEmpty() ? List.of()
                        : java.util.Arrays.stream(value.split(",")).map(DsptFollowUp::parse).toList();
                case "organisation_count_dates" -> copy.organisationCountDates = value.isEmpty() ? List.of()
                        : List.of(value.split(","));
                case "gp_dspt_dates" -> copy.gpDsptDates = value.isEmpty() ? List.of() : List.of(value.split(","));
                default -> throw new IllegalArgumentException("the run recorded a parameter this build does not know: "
                        + p.getKey());
            }
        }
        copy.validate();
        Map<String, String> described = copy.describe(asAt);
        if (!described.equals(new TreeMap<>(recorded))) {
            throw new IllegalArgumentException("the run's parameters do not describe back the same way in this build: "
                    + "recorded " + new TreeMap<>(recorded) + ", rebuilt " + described);
        }
        return copy;
    }

    /**
     * The organisations date of a run as at {@code asAt}: the date at which predecessors are folded into their
     * successors and at which a trust is "current" in every trust-level table (contract, organisations/).
     * The reporting date unless the run fixes an earlier one, to reproduce a figure with the trusts as they
     * stood then (Figure 7 as at 2019-03-31). Landing snapshots visible are still those dated on or before
     * {@code asAt}: the organisations date chooses which organisations, not which data.
     *
     * @throws IllegalArgumentException when it is after {@code asAt}: organisations a run cannot see yet
     */
    public LocalDate organisationsAt(LocalDate asAt) {
        if (organisationsAsAt == null) {
            return asAt;
        }
        LocalDate date = LocalDate.parse(organisationsAsAt);
        if (date.isAfter(asAt)) {
            throw new IllegalArgumentException("organisations_as_at " + date + " is after the reporting date " + asAt
                    + ": a run sees no organisation changes after its as-at date");
        }
        return date;
    }

    public String priceBaseYear() {
        return priceBaseYear;
    }

    public String windowStart() {
        return windowStart;
    }

    public String windowEnd() {
        return windowEnd;
    }

    public String referencePeriod() {
        return referencePeriod;
    }

    public List<String> cyberComparisonDates() {
        return List.copyOf(cyberComparisonDates);
    }

    /** The DSPT follow-up pairs of dates (paragraph 2.11), as configured, in order. */
    public List<DsptFollowUp> dsptFollowUp() {
        return List.copyOf(dsptFollowUp);
    }

    /** The dates reporting.organisation_counts counts open trusts at (those after a run's as-at date are left out). */
    public List<String> organisationCountDates() {
        return List.copyOf(organisationCountDates);
    }

    /** The dates reporting.gp_dspt_summary counts GP practices' DSPT assessments at (paragraph 2.11). */
    public List<String> gpDsptDates() {
        return List.copyOf(gpDsptDates);
    }

    public String logRetention() {
        return logRetention;
    }

    public String deletedFileRetention() {
        return deletedFileRetention;
    }

    public int localShufflePartitions() {
        return localShufflePartitions;
    }

    private void validate() {
        FinancialYear.parse(priceBaseYear, "price_base_year");
        FinancialYear start = FinancialYear.parse(windowStart, "window_start");
        FinancialYear end = FinancialYear.parse(windowEnd, "window_end");
        if (start.startYear() > end.startYear()) {
            throw new IllegalArgumentException("window_start " + windowStart + " is after window_end " + windowEnd);
        }
        if (!referencePeriod.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new IllegalArgumentException("reference_period must be YYYY-MM, got " + referencePeriod);
        }
        cyberComparisonDates.forEach(LocalDate::parse);
        if (dsptFollowUp == null) {
            throw new IllegalArgumentException("dspt_follow_up must be a list (empty for none)");
        }
        dsptFollowUp.forEach(DsptFollowUp::validate);
        requireDates("organisation_count_dates", organisationCountDates);
        requireDates("gp_dspt_dates", gpDsptDates);
        if (organisationsAsAt != null) {
            try {
                LocalDate.parse(organisationsAsAt);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("organisations_as_at must be a date YYYY-MM-DD, got " + organisationsAsAt);
            }
        }
    }

    private static void requireDates(String parameter, List<String> dates) {
        if (dates == null) {
            throw new IllegalArgumentException(parameter + " must be a list of dates YYYY-MM-DD (may be empty)");
        }
        for (String d : dates) {
            try {
                LocalDate.parse(d);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(parameter + " must be dates YYYY-MM-DD, got " + d);
            }
        }
    }

    /** The financial years of the analysis window, in order. */
    public List<String> windowYears() {
        return FinancialYear.range(FinancialYear.parse(windowStart, "window_start"),
                FinancialYear.parse(windowEnd, "window_end"));
    }

    /**
     * The parameters as the SQL sees them (named parameter markers such as {@code :price_base_year}), in a
     * stable order so that they hash the same way on every run.
     */
    public Map<String, Object> sqlParameters(LocalDate asAt) {
        Map<String, Object> p = new TreeMap<>();
        p.put("as_at", asAt);
        p.put("organisations_as_at", organisationsAt(asAt));
        p.put("price_base_year", priceBaseYear);
        p.put("window_start", windowStart);
        p.put("window_end", windowEnd);
        p.put("reference_period", referencePeriod);
        p.put("it_share_ambition_pct", itShareAmbitionPct);
        // The 97.5% quantile of the standard normal, for 95% intervals; from commons-math3, not a literal.
        p.put("z_95", new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(0.975));
        return p;
    }

    /** Every parameter that can change a result, as text, for fingerprints and run records. */
    public Map<String, String> describe(LocalDate asAt) {
        Map<String, String> d = new TreeMap<>();
        sqlParameters(asAt).forEach((k, v) -> d.put(k, String.valueOf(v)));
        d.put("cyber_comparison_dates", String.join(",", cyberComparisonDates));
        d.put("dspt_follow_up", String.join(",", dsptFollowUp.stream().map(DsptFollowUp::describe).toList()));
        d.put("organisation_count_dates", String.join(",", organisationCountDates));
        d.put("gp_dspt_dates", String.join(",", gpDsptDates));
        return d;
    }

    /**
     * One DSPT follow-up (paragraph 2.11, reporting.dspt_follow_up): the trusts that had not met the standard of
     * toolkit year {@code dspt_year} by {@code first_date}, and how many of them still had not by {@code second_date}.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class DsptFollowUp {
        @JsonProperty("dspt_year") private String dsptYear;
        @JsonProperty("first_date") private String firstDate;
        @JsonProperty("second_date") private String secondDate;

        private DsptFollowUp() {
        }

        public DsptFollowUp(String dsptYear, String firstDate, String secondDate) {
            this.dsptYear = dsptYear;
            this.firstDate = firstDate;
            this.secondDate = secondDate;
        }

        public String dsptYear() {
            return dsptYear;
        }

        public LocalDate firstDate() {
            return LocalDate.parse(firstDate);
        }

        public LocalDate secondDate() {
            return LocalDate.parse(secondDate);
        }

        /** As recorded in a run's parameters: {@code dspt_year:first_date:second_date}. */
        public String describe() {
            return dsptYear + ":" + firstDate + ":" + secondDate;
        }

        static DsptFollowUp parse(String described) {
            String[] parts = described.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("dspt_follow_up must be dspt_year:first_date:second_date, got "
                        + described);
            }
            return new DsptFollowUp(parts[0], parts[1], parts[2]);
        }

        void validate() {
            FinancialYear.parse(dsptYear, "dspt_follow_up dspt_year");
            LocalDate first;
            LocalDate second;
            try {
                first = LocalDate.parse(firstDate);
                second = LocalDate.parse(secondDate);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("dspt_follow_up dates must be YYYY-MM-DD, got " + firstDate + " and "
                        + secondDate);
            }
            if (!first.isBefore(second)) {
                throw new IllegalArgumentException("dspt_follow_up first_date " + first + " must be before second_date "
                        + second);
            }
        }
    }
}
