package uk.nhs.digitalmaturity.silver;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/**
 * Organisations and their successors, mapped at the organisations date (the reporting date unless the run
 * fixes an earlier one: {@code PipelineConfig.organisationsAt}). Mergers chain (A→B, then B→C: A's history
 * belongs to C), so every code is mapped to the organisation it has become by that date. A cycle, or a
 * successor that is not an organisation, makes every trust-level figure meaningless and stops the run.
 * The graph is a few hundred rows: it is walked on the driver, where the checks can name the codes.
 */
public final class OrganisationGraph {
    public static final String VIEW = "org_successor_map";
    public static final StructType SCHEMA = new StructType()
            .add("org_code", DataTypes.StringType, false)
            .add("current_org_code", DataTypes.StringType, false)
            .add("hops", DataTypes.IntegerType, false);

    /** A successor link as read from successors.csv. */
    public record Link(String predecessor, String successor, LocalDate effective, String file, long row) {
    }

    private final Set<String> organisations;
    private final Map<String, Link> links;
    private final TreeSet<LocalDate> openingsAndClosures;

    public OrganisationGraph(Set<String> organisations, List<Link> links) {
        this(organisations, links, Set.of());
    }

    /**
     * @param openingsAndClosures every organisation's open date and close date (the dates a trust's being open
     *                            turns on), for {@link #lastChangeOnOrBefore}
     */
    public OrganisationGraph(Set<String> organisations, List<Link> links, Set<LocalDate> openingsAndClosures) {
        this.organisations = new TreeSet<>(organisations);
        this.links = new TreeMap<>();
        links.forEach(l -> this.links.put(l.predecessor(), l));
        this.openingsAndClosures = new TreeSet<>(openingsAndClosures);
    }

    public static OrganisationGraph read(SparkSession spark) {
        Set<String> orgs = new TreeSet<>();
        Set<LocalDate> dates = new TreeSet<>();
        spark.sql("SELECT org_code, open_date, close_date FROM current_organisations").collectAsList().forEach(r -> {
            orgs.add(r.getString(0));
            dates.add(r.getDate(1).toLocalDate());
            if (!r.isNullAt(2)) {
                dates.add(r.getDate(2).toLocalDate());
            }
        });
        List<Link> links = new ArrayList<>();
        spark.sql("SELECT predecessor_code, successor_code, effective_date, _source_file, _row_number "
                        + "FROM current_successors ORDER BY predecessor_code").collectAsList()
                .forEach(r -> links.add(new Link(r.getString(0), r.getString(1), r.getDate(2).toLocalDate(),
                        r.getString(3), r.getLong(4))));
        return new OrganisationGraph(orgs, links, dates);
    }

    /**
     * The last date on or before {@code date} on which an organisation opened or closed or a successor took
     * effect; empty when there is none. Which trusts are current, and what each code maps to, at {@code date}
     * is decided only by which of those dates are on or before it (an open date on or before it, a close date
     * after it, a succession effective on or before it: sql/silver/current_trusts.sql and {@link #currentAt}),
     * so every date from this one up to the next change gives the same organisations. A nightly run as at
     * today fingerprints this date, not today's, and leaves the trust-level tables alone until something
     * changes (model/ModelCatalog#fingerprint).
     */
    public java.util.Optional<LocalDate> lastChangeOnOrBefore(LocalDate date) {
        TreeSet<LocalDate> changes = new TreeSet<>(openingsAndClosures);
        links.values().forEach(l -> changes.add(l.effective()));
        return java.util.Optional.ofNullable(changes.floor(date));
    }

    /** Stops the run on a successor that is not an organisation, or on a cycle (naming its codes). */
    public void check() {
        for (Link link : links.values()) {
            if (!organisations.contains(link.successor())) {
                throw new ContractViolation(link.file() + ": row " + link.row() + ": successor " + link.successor()
                        + " of " + link.predecessor() + " is not an organisation in organisations.csv");
            }
        }
        Set<String> cleared = new TreeSet<>();
        for (String start : links.keySet()) {
            LinkedHashSet<String> path = new LinkedHashSet<>();
            String code = start;
            while (code != null && !cleared.contains(code)) {
                if (!path.add(code)) {
                    List<String> cycle = new ArrayList<>();
                    boolean in = false;
                    for (String c : path) {
                        in |= c.equals(code);
                        if (in) {
                            cycle.add(c);
                        }
                    }
                    cycle.add(code);
                    Link first = links.get(cycle.get(0));
                    throw new ContractViolation(first.file() + ": row " + first.row() + ": successor cycle "
                            + String.join(" -> ", cycle) + "; mergers must end in an organisation that is current");
                }
                Link next = links.get(code);
                code = next == null ? null : next.successor();
            }
            cleared.addAll(path);
        }
    }

    /** Each code's organisation at {@code asAt}: successors that took effect on or before it are followed. */
    public Map<String, String> currentAt(LocalDate asAt) {
        Map<String, String> current = new TreeMap<>();
        Set<String> codes = new TreeSet<>(organisations);
        codes.addAll(links.keySet());
        for (String code : codes) {
            String at = code;
            Link next = links.get(at);
            while (next != null && !next.effective().isAfter(asAt)) {
                at = next.successor();
                next = links.get(at);
            }
            current.put(code, at);
        }
        return current;
    }

    /** One row of {@link #VIEW}: a code, the organisation it has become, and how many successions lead there. */
    public record Mapping(String orgCode, String currentOrgCode, int hops) {
    }

    /** The rows of {@link #VIEW} at {@code asAt}, in code order: plain values, so tests need no Spark session. */
    public List<Mapping> mapAt(LocalDate asAt) {
        List<Mapping> rows = new ArrayList<>();
        currentAt(asAt).forEach((code, current) -> rows.add(new Mapping(code, current, hops(code, current))));
        return rows;
    }

    public void registerMap(SparkSession spark, LocalDate asAt) {
        List<Row> rows = new ArrayList<>();
        mapAt(asAt).forEach(m -> rows.add(RowFactory.create(m.orgCode(), m.currentOrgCode(), m.hops())));
        spark.createDataFrame(rows, SCHEMA).createOrReplaceTempView(VIEW);
    }

    private int hops(String code, String current) {
        int hops = 0;
        String at = code;
        while (!at.equals(current)) {
            at = links.get(at).successor();
            hops++;
        }
        return hops;
    }
}
