package uk.nhs.digitalmaturity.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The staff groups of the NHS Workforce Statistics and, under each, the occupations the staff-level extract uses.
 * Occupation codes are modelled in the shape of ESR occupation codes (three characters); they are not the real
 * ESR code list. Informatics occupations carry the category published in {@code informatics_occupations.csv}.
 */
final class Occupations {
    /** Staff groups in the order NHS Digital publishes them. */
    static final List<String> STAFF_GROUPS = List.of(
            "HCHS doctors",
            "Nurses & health visitors",
            "Midwives",
            "Ambulance staff",
            "Scientific, therapeutic & technical staff",
            "Support to doctors, nurses & midwives",
            "Support to ambulance staff",
            "Support to ST&T staff",
            "Central functions",
            "Hotel, property & estates",
            "Senior managers",
            "Managers",
            "Unknown");

    static final String CENTRAL_FUNCTIONS = "Central functions";

    /**
     * One occupation. {@code weight} is its share within the staff group at national level (informatics
     * occupations included; the national-scale extract draws occupations by it, and the informatics weights are set
     * so that its identifiable informatics share is about 3.3%, HEE's 34,800 FTE of 2019); {@code sampleShare} is its
     * share of a trust's informatics FTE in the calibrated sample.
     */
    record Occupation(String code, String title, String staffGroup, double weight, String informaticsCategory,
                      double sampleShare) {
        boolean informatics() {
            return informaticsCategory != null;
        }
    }

    private static final List<Occupation> ALL = new ArrayList<>();
    private static final Map<String, List<Occupation>> BY_GROUP = new TreeMap<>();

    static {
        String g = "HCHS doctors";
        add("D01", "Consultant", g, 38, null, 0);
        add("D02", "Specialty doctor", g, 12, null, 0);
        add("D03", "Specialty registrar", g, 30, null, 0);
        add("D04", "Foundation doctor", g, 17, null, 0);
        add("D09", "Chief clinical information officer (medical)", g, 0.4, "Clinical informatics", 0.02);
        g = "Nurses & health visitors";
        add("N01", "Registered nurse - adult", g, 60, null, 0);
        add("N02", "Registered nurse - mental health", g, 16, null, 0);
        add("N03", "Registered nurse - children", g, 8, null, 0);
        add("N04", "Registered nurse - learning disabilities", g, 2, null, 0);
        add("N05", "Health visitor", g, 5, null, 0);
        add("N06", "District nurse", g, 6, null, 0);
        add("N09", "Nurse - clinical informatics", g, 0.4, "Clinical informatics", 0.03);
        g = "Midwives";
        add("W01", "Midwife", g, 90, null, 0);
        add("W02", "Midwife - manager", g, 10, null, 0);
        g = "Ambulance staff";
        add("A01", "Paramedic", g, 55, null, 0);
        add("A02", "Emergency care assistant", g, 25, null, 0);
        add("A03", "Ambulance technician", g, 20, null, 0);
        g = "Scientific, therapeutic & technical staff";
        add("S01", "Physiotherapist", g, 18, null, 0);
        add("S02", "Occupational therapist", g, 14, null, 0);
        add("S03", "Radiographer", g, 14, null, 0);
        add("S04", "Pharmacist", g, 10, null, 0);
        add("S05", "Biomedical scientist", g, 12, null, 0);
        add("S06", "Clinical psychologist", g, 10, null, 0);
        add("S07", "Healthcare scientist - clinical bioinformatics", g, 1.2, "Clinical informatics", 0.03);
        add("S08", "Speech and language therapist", g, 6, null, 0);
        g = "Support to doctors, nurses & midwives";
        add("C01", "Healthcare assistant", g, 62, null, 0);
        add("C02", "Nursery nurse", g, 3, null, 0);
        add("C03", "Medical secretary", g, 14, null, 0);
        add("C04", "Ward clerk", g, 9, null, 0);
        add("C05", "Health records clerk", g, 2.5, "Health records", 0.17);
        add("C06", "Clinical coder", g, 1.5, "Clinical coding", 0.10);
        g = "Support to ambulance staff";
        add("B01", "Emergency call handler", g, 45, null, 0);
        add("B02", "Emergency operations centre support", g, 25, null, 0);
        add("B03", "Patient transport driver", g, 30, null, 0);
        add("B04", "Emergency operations centre systems support", g, 2, "Information and communication technology", 0);
        g = "Support to ST&T staff";
        add("T01", "Therapy assistant", g, 35, null, 0);
        add("T02", "Pharmacy technician", g, 25, null, 0);
        add("T03", "Laboratory support worker", g, 25, null, 0);
        add("T04", "Healthcare science assistant", g, 15, null, 0);
        g = CENTRAL_FUNCTIONS;
        add("G01", "Finance officer", g, 16, null, 0);
        add("G02", "Human resources officer", g, 14, null, 0);
        add("G03", "Administrative officer", g, 38, null, 0);
        add("G05", "ICT - service desk", g, 6, "Information and communication technology", 0.16);
        add("G06", "ICT - infrastructure and networks", g, 5, "Information and communication technology", 0.12);
        add("G07", "ICT - applications and development", g, 4, "Information and communication technology", 0.10);
        add("G08", "Information analyst", g, 3.5, "Information management and analysis", 0.10);
        add("G09", "Project and programme support - digital", g, 2, "Digital project management", 0.05);
        add("G10", "Librarian / knowledge services", g, 1.5, "Knowledge management", 0.03);
        g = "Hotel, property & estates";
        add("H01", "Porter", g, 25, null, 0);
        add("H02", "Domestic", g, 40, null, 0);
        add("H03", "Catering", g, 20, null, 0);
        add("H04", "Estates maintenance", g, 15, null, 0);
        g = "Senior managers";
        add("E01", "Director", g, 92, null, 0);
        add("E02", "Director of informatics / chief information officer", g, 5, "Information and communication technology", 0.01);
        g = "Managers";
        add("F01", "Service manager", g, 60, null, 0);
        add("F02", "Finance manager", g, 20, null, 0);
        add("F03", "ICT manager", g, 5, "Information and communication technology", 0.05);
        add("F04", "Information manager", g, 3, "Information management and analysis", 0.03);
        g = "Unknown";
        add("U01", "Occupation not known", g, 100, null, 0);
        for (String group : STAFF_GROUPS) {
            if (!BY_GROUP.containsKey(group)) {
                throw new IllegalStateException("no occupations for " + group);
            }
        }
    }

    private Occupations() {
    }

    private static void add(String code, String title, String group, double weight, String category,
                            double sampleShare) {
        Occupation o = new Occupation(code, title, group, weight, category, sampleShare);
        ALL.add(o);
        BY_GROUP.computeIfAbsent(group, k -> new ArrayList<>()).add(o);
    }

    static List<Occupation> inGroup(String staffGroup) {
        return BY_GROUP.get(staffGroup);
    }

    static List<Occupation> all() {
        return List.copyOf(ALL);
    }

    static List<Occupation> informatics() {
        return ALL.stream().filter(Occupation::informatics).toList();
    }
}
