package uk.nhs.digitalmaturity.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * The trusts of England and how they merged: the 2018-09 ODS {@code etr} trusts (the three Welsh trusts in that
 * file are left out: the pipeline covers England), four care trusts the {@code etr} file does not carry, the real
 * closed predecessors of the mergers from 2012 to April 2020, and those mergers. Writes one full
 * {@code organisations/} snapshot for each date in {@link SnapshotPlan#ORGANISATIONS}, each holding what was known
 * on that date.
 */
final class OrganisationHistory {
    /** Attributes as recorded before any merger in {@link #mergers} renamed or closed them. */
    private final Map<String, Organisation> base = new TreeMap<>();
    private final List<Merger> mergers = new ArrayList<>();
    private final Map<String, Integer> modelledFte = new TreeMap<>();
    private final Map<String, String> lastReturnYear = new TreeMap<>();

    private OrganisationHistory() {
    }

    static OrganisationHistory load() {
        OrganisationHistory history = new OrganisationHistory();
        Map<String, LocalDate> etrClose = new TreeMap<>();
        for (Map<String, String> r : Resources.csv("trusts-2018-09.csv")) {
            if (r.get("region_code").startsWith("W")) {
                continue; // Welsh trusts: not NHS England, not in scope
            }
            history.base.put(r.get("org_code"), new Organisation(r.get("org_code"), r.get("org_name"),
                    r.get("org_type"), r.get("sector"), r.get("region_code"), LocalDate.parse(r.get("open_date")),
                    null));
            if (!r.get("close_date").isEmpty()) {
                etrClose.put(r.get("org_code"), LocalDate.parse(r.get("close_date")));
            }
        }
        for (Map<String, String> r : Resources.csv("organisations-extra.csv")) {
            Organisation previous = history.base.put(r.get("org_code"), new Organisation(r.get("org_code"),
                    r.get("org_name"), r.get("org_type"), r.get("sector"), r.get("region_code"),
                    LocalDate.parse(r.get("open_date")), null));
            if (previous != null) {
                throw new IllegalStateException("organisations-extra.csv repeats " + r.get("org_code"));
            }
        }
        for (Map<String, String> r : Resources.csv("mergers.csv")) {
            history.mergers.add(new Merger(r.get("predecessor_code"), r.get("successor_code"),
                    LocalDate.parse(r.get("effective_date")), blankToNull(r.get("successor_name_after")),
                    blankToNull(r.get("successor_sector_after"))));
        }
        history.mergers.sort(Comparator.comparing(Merger::effective).thenComparing(Merger::predecessor));
        for (Map<String, String> r : Resources.csv("modelled-sizes.csv")) {
            history.modelledFte.put(r.get("org_code"), Integer.parseInt(r.get("fte_estimate")));
            if (!r.get("last_return_year").isEmpty()) {
                history.lastReturnYear.put(r.get("org_code"), r.get("last_return_year"));
            }
        }
        // Trusts ODS still listed as open in September 2018 although they had stopped operating: the sample's own
        // organisations files close them (without a successor), so no count of open trusts includes them.
        for (Map<String, String> r : Resources.csv("closures.csv")) {
            Organisation org = history.base.get(r.get("org_code"));
            if (org == null || !history.lastReturnYear.containsKey(r.get("org_code"))) {
                throw new IllegalStateException("closures.csv closes " + r.get("org_code")
                        + ", which is not a trust that stopped operating in modelled-sizes.csv");
            }
            history.base.put(org.code(), org.closedOn(LocalDate.parse(r.get("close_date"))));
        }
        history.validate(etrClose);
        return history;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void validate(Map<String, LocalDate> etrClose) {
        Set<String> predecessors = new HashSet<>();
        for (Merger m : mergers) {
            if (!base.containsKey(m.predecessor()) || !base.containsKey(m.successor())) {
                throw new IllegalStateException("merger names an unknown organisation: " + m);
            }
            if (!predecessors.add(m.predecessor())) {
                throw new IllegalStateException("two mergers close " + m.predecessor());
            }
            if (base.get(m.successor()).open().isAfter(m.effective())) {
                throw new IllegalStateException("successor opens after the merger: " + m);
            }
        }
        // every ODS close date is explained by a merger within a day (ODS records the last day open)
        for (Map.Entry<String, LocalDate> e : etrClose.entrySet()) {
            Merger m = mergerClosing(e.getKey());
            if (m == null || Math.abs(m.effective().toEpochDay() - e.getValue().toEpochDay()) > 1) {
                throw new IllegalStateException("no merger explains the ODS close of " + e.getKey());
            }
        }
        // no cycles: following successors always ends
        for (String code : base.keySet()) {
            String current = code;
            for (int steps = 0; current != null; steps++) {
                if (steps > mergers.size()) {
                    throw new IllegalStateException("successor cycle through " + code);
                }
                Merger m = mergerClosing(current);
                current = m == null ? null : m.successor();
            }
        }
    }

    private Merger mergerClosing(String code) {
        for (Merger m : mergers) {
            if (m.predecessor().equals(code)) {
                return m;
            }
        }
        return null;
    }

    /** The organisation as a snapshot taken on {@code snapshot} describes it (null if it had not opened). */
    Organisation asKnownOn(String code, LocalDate snapshot) {
        Organisation org = base.get(code);
        if (org == null || org.open().isAfter(snapshot)) {
            return null;
        }
        for (Merger m : mergers) {
            if (m.effective().isAfter(snapshot)) {
                break;
            }
            if (m.predecessor().equals(code)) {
                org = org.closedOn(m.effective());
            }
            if (m.successor().equals(code) && m.successorNameAfter() != null) {
                org = org.renamed(m.successorNameAfter(), m.successorSectorAfter());
            }
        }
        return org;
    }

    /** Everything known on the last snapshot date, i.e. the full history. */
    Organisation latest(String code) {
        return asKnownOn(code, SnapshotPlan.ORGANISATIONS.get(SnapshotPlan.ORGANISATIONS.size() - 1));
    }

    List<Organisation> organisationsKnownOn(LocalDate snapshot) {
        List<Organisation> out = new ArrayList<>();
        for (String code : base.keySet()) {
            Organisation org = asKnownOn(code, snapshot);
            if (org != null) {
                out.add(org);
            }
        }
        return out;
    }

    List<Merger> mergersKnownOn(LocalDate snapshot) {
        List<Merger> out = new ArrayList<>();
        for (Merger m : mergers) {
            if (!m.effective().isAfter(snapshot)) {
                out.add(m);
            }
        }
        return out;
    }

    List<Merger> mergers() {
        return List.copyOf(mergers);
    }

    /** All organisation codes, sorted. */
    List<String> codes() {
        return List.copyOf(base.keySet());
    }

    /** Whether the trust is open on {@code day} by the full history. */
    boolean isOpenOn(String code, LocalDate day) {
        Organisation org = latest(code);
        return org != null && org.isOpenOn(day);
    }

    /** Codes open on {@code day} by the full history, sorted. */
    List<String> openOn(LocalDate day) {
        List<String> out = new ArrayList<>();
        for (String code : base.keySet()) {
            if (isOpenOn(code, day)) {
                out.add(code);
            }
        }
        return out;
    }

    /** Predecessors that merged directly into {@code code}. */
    List<Merger> absorbedBy(String code) {
        List<Merger> out = new ArrayList<>();
        for (Merger m : mergers) {
            if (m.successor().equals(code)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The organisation that holds {@code code}'s history on {@code day} (following chains). */
    String currentOn(String code, LocalDate day) {
        String current = code;
        while (true) {
            Merger m = mergerClosing(current);
            if (m == null || m.effective().isAfter(day)) {
                return current;
            }
            current = m.successor();
        }
    }

    Integer modelledFte(String code) {
        return modelledFte.get(code);
    }

    /** The last financial year a trust that stopped operating returned accounts for. */
    String lastReturnYear(String code) {
        return lastReturnYear.get(code);
    }

    /** Writes one full snapshot of organisations.csv and successors.csv per organisations snapshot date. */
    void write(LandingWriter out) {
        for (LocalDate snapshot : SnapshotPlan.ORGANISATIONS) {
            try (LandingTable t = out.table(Source.ORGANISATIONS, snapshot)) {
                for (Organisation o : organisationsKnownOn(snapshot)) {
                    t.row(o.code(), o.name(), o.orgType(), o.sector(), o.region(), o.open().toString(),
                            o.close() == null ? "" : o.close().toString());
                }
            }
            try (LandingTable t = out.table(Source.SUCCESSORS, snapshot)) {
                for (Merger m : mergersKnownOn(snapshot)) {
                    t.row(m.predecessor(), m.successor(), m.effective().toString());
                }
            }
        }
    }
}
