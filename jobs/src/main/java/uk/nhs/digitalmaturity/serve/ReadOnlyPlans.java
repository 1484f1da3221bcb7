package uk.nhs.digitalmaturity.serve;

import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.QueryContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.delta.DeltaLogFileIndex;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.delta.files.TahoeFileIndex;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.FileIndex;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * The endpoint's one rule, applied to every analysed statement before it runs: a statement may read the
 * served tables ({@link ServedTables}) and look at the catalog, and do nothing else. Writes of every kind
 * (INSERT, CTAS, DROP, ALTER, MERGE, DELETE, UPDATE, VACUUM, OPTIMIZE, INSERT OVERWRITE DIRECTORY, CACHE,
 * CREATE VIEW or FUNCTION, ADD JAR) are commands outside the short list of catalog look-ups below; a read of
 * any file that is not a served Delta table (a path query on {@code restricted/}, {@code parquet.`…`}) is a
 * relation outside the served set; {@code reflect}/{@code java_method} call arbitrary Java. Allow-lists, not
 * deny-lists: a statement Spark or Delta adds later is refused until someone decides it is safe.
 */
public final class ReadOnlyPlans {
    /** Catalog look-ups (as analysed by Spark 3.5 with Delta's catalog): they read names, schemas and comments. */
    private static final Set<String> LOOK_UPS = Set.of(
            "ShowTables", "ShowTablesCommand", "ShowTablesExtended", "ShowNamespaces", "ShowNamespacesCommand",
            "ShowViews", "ShowViewsCommand", "ShowColumns", "ShowColumnsCommand", "ShowTableProperties",
            "ShowTablePropertiesCommand", "ShowCreateTable", "ShowCreateTableCommand", "ShowFunctions",
            "ShowFunctionsCommand", "ShowCurrentNamespace", "ShowCurrentNamespaceCommand", "ShowCatalogs",
            "DescribeRelation", "DescribeTableCommand", "DescribeColumn", "DescribeColumnCommand",
            "DescribeNamespace", "DescribeDatabaseCommand", "DescribeFunction", "DescribeFunctionCommand",
            "SetCatalogAndNamespace", "SetNamespaceCommand", "SetCatalogCommand", "DescribeQueryCommand");
    /** Session settings a BI tool may change: they shape how results are shown, never what can be read. */
    private static final Set<String> SETTABLE = Set.of("spark.sql.session.timeZone");

    private ReadOnlyPlans() {
    }

    /** Refuses (with an {@link AnalysisException} the client sees as a SQL error) what the endpoint must not run. */
    public static void check(LogicalPlan plan, ServedTables served) throws AnalysisException {
        visit(plan, served);
    }

    private static void visit(LogicalPlan node, ServedTables served) throws AnalysisException {
        String kind = node.getClass().getSimpleName();
        if (node instanceof SetCommand set) {
            checkSetting(set);
        } else if (node instanceof Command && !LOOK_UPS.contains(kind)) {
            throw refused(statement(kind) + " is refused: this endpoint is read-only");
        }
        if (node.children().isEmpty()) {
            checkLeaf(node, served);
        }
        for (Expression e : JavaConverters.seqAsJavaList(node.expressions())) {
            visit(e, served);
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(node.children())) {
            visit(child, served);
        }
    }

    private static void visit(Expression expression, ServedTables served) throws AnalysisException {
        if (expression instanceof CallMethodViaReflection) {
            throw refused("reflect and java_method are refused: this endpoint runs no Java of a client's choosing");
        }
        if (expression instanceof SubqueryExpression subquery) {
            visit(subquery.plan(), served);
        }
        for (Expression child : JavaConverters.seqAsJavaList(expression.children())) {
            visit(child, served);
        }
    }

    /** Reading settings is fine; changing one is allowed only for the few that cannot widen what is read. */
    private static void checkSetting(SetCommand set) throws AnalysisException {
        Option<Tuple2<String, Option<String>>> kv = set.kv();
        if (kv.isDefined() && kv.get()._2().isDefined() && !SETTABLE.contains(kv.get()._1().trim())) {
            throw refused("SET " + kv.get()._1().trim() + " is refused: this endpoint's settings are fixed");
        }
    }

    private static void checkLeaf(LogicalPlan leaf, ServedTables served) throws AnalysisException {
        if (leaf instanceof LogicalRelation relation) {
            if (relation.relation() instanceof HadoopFsRelation files && servedFiles(files.location(), served)) {
                return;
            }
            throw notServed(relation.catalogTable());
        }
        if (leaf instanceof DataSourceV2Relation relation) {
            checkTable(relation.table(), served);
        } else if (leaf instanceof ResolvedTable resolved) {
            checkTable(resolved.table(), served);
        } else if (leaf instanceof HiveTableRelation hive) {
            throw notServed(Option.apply(hive.tableMeta()));
        }
        // Other leaves hold no data of the lakehouse: literal rows, range(), a resolved namespace or view name.
    }

    /**
     * A served Delta table's data, or its log: Delta reads a table's {@code _delta_log} with queries of its own
     * (through this rule too) each time it looks for a new version. Another table's log is refused like its
     * data: the statistics in it hold each file's smallest and largest values.
     */
    private static boolean servedFiles(FileIndex location, ServedTables served) {
        if (location instanceof TahoeFileIndex delta) {
            return served.serves(delta.path());
        }
        if (location instanceof DeltaLogFileIndex log) {
            List<Path> files = JavaConverters.seqAsJavaList(log.rootPaths());
            return !files.isEmpty() && files.stream().allMatch(served::servesLogFile);
        }
        return false;
    }

    private static void checkTable(Table table, ServedTables served) throws AnalysisException {
        if (table instanceof DeltaTableV2 delta && served.serves(delta.path())) {
            return;
        }
        throw refused("table " + table.name() + " is not served here: only reporting.* and audit.* can be read");
    }

    private static AnalysisException notServed(Option<CatalogTable> table) {
        String what = table.isDefined() ? "table " + table.get().identifier().unquotedString() : "that path";
        return refused(what + " is not served here: only reporting.* and audit.* can be read");
    }

    /** {@code InsertIntoHadoopFsRelationCommand} reads better as "InsertIntoHadoopFsRelation". */
    private static String statement(String kind) {
        return kind.endsWith("Command") ? kind.substring(0, kind.length() - "Command".length()) : kind;
    }

    static AnalysisException refused(String message) {
        return new AnalysisException(message, Option.empty(), Option.empty(), Option.empty(), Option.empty(),
                scala.collection.immutable.Map$.MODULE$.empty(), new QueryContext[0]);
    }
}
