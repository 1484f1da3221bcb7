package uk.nhs.digitalmaturity.benchmark;

import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few places where the metric SQL of {@code sql/} (Spark SQL) and DuckDB's dialect differ, rewritten
 * mechanically so that DuckDB runs the same text. Everything else (CTEs, window functions, FULL OUTER JOIN,
 * {@code bool_and}, {@code percent_rank}, decimal casts) is read by both as written. Where they differ:
 * <ul>
 *   <li>identifiers: Spark quotes with backticks, DuckDB with double quotes;</li>
 *   <li>double literals: Spark's {@code 100.0D} is {@code CAST(100.0 AS DOUBLE)};</li>
 *   <li>{@code concat_ws(',', sort_array(collect_set(x)))} is
 *       {@code array_to_string(list_sort(list_distinct(list(x))), ',')};</li>
 *   <li>named parameters: Spark binds {@code :name}; here they become literals.</li>
 * </ul>
 * Known difference left as it is: DuckDB divides decimals in double precision where Spark keeps a decimal, so
 * the comparison allows a relative difference of 1e-9.
 */
final class DuckDbDialect {
    private static final Pattern COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern DOUBLE_LITERAL = Pattern.compile("\\b(\\d+(?:\\.\\d+)?)D\\b");
    private static final Pattern SORTED_SET = Pattern.compile(
            "concat_ws\\(\\s*','\\s*,\\s*sort_array\\(\\s*collect_set\\(([^()]*)\\)\\s*\\)\\s*\\)");
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-z_][a-z0-9_]*)");

    private DuckDbDialect() {
    }

    static String translate(String sparkSql, Map<String, Object> parameters) {
        String sql = COMMENT.matcher(sparkSql).replaceAll("");
        sql = sql.replace('`', '"');
        sql = DOUBLE_LITERAL.matcher(sql).replaceAll("CAST($1 AS DOUBLE)");
        sql = SORTED_SET.matcher(sql).replaceAll("array_to_string(list_sort(list_distinct(list($1))), ',')");
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!parameters.containsKey(m.group(1))) {
                throw new IllegalArgumentException("no value for parameter :" + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(literal(parameters.get(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String literal(Object value) {
        if (value instanceof LocalDate d) {
            return "DATE '" + d + "'";
        } else if (value instanceof Number n) {
            return n.toString();
        }
        return "'" + String.valueOf(value).replace("'", "''") + "'";
    }
}
