package uk.nhs.digitalmaturity.sample;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * Membership of the national digital funding programmes ({@code programmes/programme_membership.csv}), modelled
 * on summary 7 and paragraph 3.11 of the NAO report: £385 million committed from 2016-17 to 26 Global Digital
 * Exemplars "that were already relatively digitally mature", 24 partner trusts (fast followers) with a smaller
 * share, and £28 million to 23 digital aspirants in 2019-20.
 *
 * <p>Membership is not random, as the report says: exemplars are the most mature trusts by the survey's latent
 * maturity (with noise), fast followers the next, aspirants are drawn from the rest. One fast follower is also a
 * digital aspirant, so a trust in two programmes is in the sample. Which trusts and how much each received are
 * modelled; the totals are the report's.
 */
final class ProgrammeMembership {
    private static final LocalDate SNAPSHOT = SnapshotPlan.PROGRAMMES;
    private static final LocalDate EXEMPLARS_FROM = LocalDate.of(2016, 4, 1);
    private static final LocalDate ASPIRANTS_FROM = LocalDate.of(2019, 4, 1);

    private record Member(String org, String programme, String startYear, BigDecimal funding) {
    }

    private final List<Member> members = new ArrayList<>();

    ProgrammeMembership(OrganisationHistory orgs, DmaSurvey dma, long seed) {
        Rng rng = Rng.of(seed, "programmes");
        // exemplars and fast followers: trusts that answered both surveys and were open from April 2016 to the
        // snapshot, most mature first (with noise: the choice was a judgement, not a ranking of scores)
        Map<String, Double> maturity = dma.maturity();
        List<String> answeredBoth = new ArrayList<>(dma.respondents(2016));
        answeredBoth.retainAll(dma.respondents(2017));
        Map<String, Double> key = new TreeMap<>();
        for (String code : answeredBoth) {
            if (orgs.isOpenOn(code, EXEMPLARS_FROM) && orgs.isOpenOn(code, SNAPSHOT)) {
                key.put(code, maturity.get(code) + 0.5 * rng.normal());
            }
        }
        List<String> ranked = new ArrayList<>(key.keySet());
        ranked.sort(Comparator.comparing((String c) -> key.get(c)).reversed());

        // exemplars: 17 acute (£17.5m each), 7 mental health (£10m), 2 ambulance (£8.75m) = 26 trusts, £385m
        List<String> exemplars = new ArrayList<>();
        take(orgs, ranked, "ACUTE", 17, exemplars);
        take(orgs, ranked, "MENTAL_HEALTH", 7, exemplars);
        take(orgs, ranked, "AMBULANCE", 2, exemplars);
        for (String code : exemplars) {
            members.add(new Member(code, "GLOBAL_DIGITAL_EXEMPLAR", "2016", switch (sector(orgs, code)) {
                case "ACUTE" -> new BigDecimal("17500000");
                case "MENTAL_HEALTH" -> new BigDecimal("10000000");
                default -> new BigDecimal("8750000");
            }));
        }
        ranked.removeAll(exemplars);
        // fast followers: the next 17 acute (£5m) and 7 mental health (£3m) trusts, from 2017
        List<String> followers = new ArrayList<>();
        take(orgs, ranked, "ACUTE", 17, followers);
        take(orgs, ranked, "MENTAL_HEALTH", 7, followers);
        for (String code : followers) {
            members.add(new Member(code, "FAST_FOLLOWER", "2017",
                    sector(orgs, code).equals("ACUTE") ? new BigDecimal("5000000") : new BigDecimal("3000000")));
        }
        // aspirants, 2019-20: 22 drawn from trusts in neither programme and open in April 2019, plus one fast
        // follower; £1.2m each and £1.6m to the last, £28m in all
        List<String> rest = new ArrayList<>();
        for (String code : orgs.openOn(ASPIRANTS_FROM)) {
            if (!exemplars.contains(code) && !followers.contains(code) && orgs.isOpenOn(code, SNAPSHOT)) {
                rest.add(code);
            }
        }
        rng.shuffle(rest);
        List<String> aspirants = new ArrayList<>(rest.subList(0, 22));
        aspirants.add(followers.get(followers.size() - 1));
        for (int i = 0; i < aspirants.size(); i++) {
            members.add(new Member(aspirants.get(i), "DIGITAL_ASPIRANT", "2019",
                    new BigDecimal(i == aspirants.size() - 1 ? "1600000" : "1200000")));
        }
        members.sort(Comparator.comparing(Member::org).thenComparing(Member::programme));
    }

    private static String sector(OrganisationHistory orgs, String code) {
        return orgs.latest(code).sector();
    }

    private static void take(OrganisationHistory orgs, List<String> ranked, String sector, int n, List<String> out) {
        int taken = 0;
        for (String code : ranked) {
            if (taken < n && sector(orgs, code).equals(sector)) {
                out.add(code);
                taken++;
            }
        }
        if (taken < n) {
            throw new IllegalStateException(sector + ": " + taken + " trusts for the programme, expected " + n);
        }
    }

    void write(LandingWriter out) {
        try (LandingTable t = out.table(Source.PROGRAMME_MEMBERSHIP, SNAPSHOT)) {
            for (Member m : members) {
                t.row(m.org(), m.programme(), m.startYear(), m.funding().toPlainString());
            }
        }
    }
}
