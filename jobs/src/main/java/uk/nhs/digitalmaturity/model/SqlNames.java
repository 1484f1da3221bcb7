package uk.nhs.digitalmaturity.model;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The relation names a SQL text mentions, for ordering models and tracing their inputs. */
public final class SqlNames {
    private static final Pattern NAME = Pattern.compile("\\b((?:reporting|restricted)\\.[a-z0-9_]+|[a-z][a-z0-9_]*)\\b");
    private static final Pattern COMMENT = Pattern.compile("--[^\\n]*");

    private SqlNames() {
    }

    /** Every identifier-like word outside comments: the catalog decides later which of them are relations. */
    public static Set<String> referenced(String sql) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(COMMENT.matcher(sql.toLowerCase()).replaceAll(" "));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
