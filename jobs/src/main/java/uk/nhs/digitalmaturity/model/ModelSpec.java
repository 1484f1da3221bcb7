package uk.nhs.digitalmaturity.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code sql/<zone>/<table>.yml} says about an output table: its description (the table comment), the
 * report paragraph it reproduces, its key and row order, a description and unit per column (the column
 * comments and the data dictionary), and the data tests run after every build.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class ModelSpec {
    /** One output column. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class ColumnSpec {
        @JsonProperty public String name;
        @JsonProperty public String description;
        /**
         * The .yml's {@code unit}, one of {@link ColumnUnit}'s spellings: code, text, year, date, flag, order,
         * count, pct, gbp, fte, score, ratio or probability (staff_count is known but no table uses it yet).
         * {@link ModelSpec#parse} reads it into {@link #unit()}.
         */
        @JsonProperty("unit") private String unitSpelling;
        private ColumnUnit unit;
        /** Allowed values, tested after every build. */
        @JsonProperty("accepted_values") public List<String> acceptedValues;
        @JsonProperty("not_null") public Boolean notNull;

        /** What the values measure: decides publication rounding. */
        public ColumnUnit unit() {
            return unit;
        }

        /** An unknown or missing unit would publish the column unrounded, so it stops the load instead. */
        private void readUnit(String file) {
            unit = ColumnUnit.of(unitSpelling).orElseThrow(() -> new IllegalStateException(file + ": column " + name
                    + (unitSpelling == null ? " has no unit" : " has unit '" + unitSpelling + "'") + ", expected one of "
                    + String.join(", ", ColumnUnit.spellings())));
        }
    }

    /**
     * What a table's numbers cover, which an auditor reads before any number: the organisations and date it is
     * about, what its national row adds up, and the caveats the NAO report itself gives. Every reporting table
     * has one; it becomes part of the table comment, the data dictionary and the notebook's "About".
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Coverage {
        /** Which organisations (or practices, or dates) the rows are about, and as at which date. */
        @JsonProperty public String population;
        /** What the national row adds up and over whom; or why the table has none. */
        @JsonProperty public String national;
        /** What the numbers do not mean: the report's own caveats (self-assessment, capital only, coverage). */
        @JsonProperty public List<String> caveats = new ArrayList<>();

        /** One paragraph: "Population: … National row: … Caveats: … " with whitespace folded. */
        public String text() {
            StringBuilder b = new StringBuilder();
            b.append("Population: ").append(sentence(population)).append(" National row: ").append(sentence(national));
            if (!caveats.isEmpty()) {
                b.append(" Caveats: ");
                b.append(String.join(" ", caveats.stream().map(ModelSpec::sentence).toList()));
            }
            return b.toString();
        }
    }

    @JsonProperty public String name;
    @JsonProperty public String description;
    @JsonProperty public Coverage coverage;
    @JsonProperty public String paragraph;
    /** Columns that identify a row: tested unique and not null. */
    @JsonProperty public List<String> key = new ArrayList<>();
    /** Row order of the published CSV. */
    @JsonProperty public List<String> order = new ArrayList<>();
    @JsonProperty public List<ColumnSpec> columns = new ArrayList<>();
    /** SQL boolean expressions every row must satisfy. */
    @JsonProperty public List<String> tests = new ArrayList<>();
    /**
     * A column that slices the table: each value's rows are computed from the inputs about that value alone
     * ({@code period} for the monthly workforce tables). When the only change since the table was built is new
     * landing files of sources that carry this column, only the values in those files are recomputed and
     * replaced ({@link SliceRebuild}); anything else rebuilds the whole table.
     */
    @JsonProperty("incremental_by") public String incrementalBy;
    /**
     * Sliced columns of which the table reads one value only, given by a parameter: {@code period:
     * reference_period} for Figure 7, which reads the workforce at {@code :reference_period} alone. When the
     * only change since the table was built is new landing files holding no row of that value, the table is
     * left as it is ({@link SliceRebuild#leavesUnread}). A claim about the SQL: declare it only where every
     * read of the column's sources, through every view and table, is filtered to that value.
     */
    @JsonProperty("reads_only") public Map<String, String> readsOnly = new java.util.TreeMap<>();
    /** For models computed in Java: the views and tables they read (SQL models are read for names). */
    @JsonProperty("depends_on") public List<String> dependsOn = new ArrayList<>();

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static ModelSpec parse(String yaml, String file) {
        ModelSpec spec;
        try {
            spec = YAML.readValue(yaml, ModelSpec.class);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        spec.columns.forEach(c -> c.readUnit(file));
        return spec;
    }

    /** The description followed by the coverage paragraph, whitespace folded: what a reader sees first. */
    public String fullDescription() {
        String d = fold(description);
        return coverage == null ? d : d + " " + coverage.text();
    }

    private static String fold(String text) {
        return text == null ? "" : text.trim().replaceAll("\\s+", " ");
    }

    /** Folded, and ending with a full stop so that parts read as sentences when joined. */
    private static String sentence(String text) {
        String t = fold(text);
        return t.isEmpty() || t.endsWith(".") ? t : t + ".";
    }

    public Map<String, String> columnComments() {
        Map<String, String> comments = new LinkedHashMap<>();
        columns.forEach(c -> comments.put(c.name, c.description.trim()));
        return comments;
    }

    public List<String> columnNames() {
        return columns.stream().map(c -> c.name).toList();
    }
}
