package uk.nhs.digitalmaturity.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import uk.nhs.digitalmaturity.landing.LandingWriter;
import uk.nhs.digitalmaturity.landing.WrittenFile;

/**
 * Generates a complete landing zone ({@code <out>/<source>/<snapshot>/<file>.csv}) for every source of the
 * extract contract, deterministically from a seed: the same seed and scale always give byte-identical files.
 * Plain Java: no Spark, no wall clock, no hash-ordered iteration. Real public data (trust codes and names,
 * June 2018 workforce, GDP deflators, DSPT 2018-19) comes from the committed resources under {@code /sample/}. GP
 * practices are wholly modelled, with codes in a form no real practice code takes ({@link GpPractices}).
 */
public final class SampleLandingGenerator {
    private SampleLandingGenerator() {
    }

    /** Writes the landing zone and returns what was written, in path order. */
    public static List<WrittenFile> generate(GeneratorOptions options) {
        try {
            Files.createDirectories(options.out());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.out(), e);
        }
        long seed = options.seed();
        boolean national = options.scale() == SampleScale.NATIONAL;
        LandingWriter out = new LandingWriter(options.out());

        OrganisationHistory orgs = OrganisationHistory.load();
        orgs.write(out);

        GdpDeflators deflators = new GdpDeflators();
        deflators.write(out);

        WorkforceExtract workforce = new WorkforceExtract(orgs, seed);
        workforce.write(out);
        if (national) {
            new NationalStaffWriter(orgs, workforce, seed, options.months(), options.rowsPerMonth()).write(out);
        } else {
            new StaffLevelWorkforce(workforce, seed).write(out);
        }

        new FinanceReturns(orgs, workforce, deflators, seed)
                .write(out, national ? options.financeLinesPerReturn() : 0);

        DmaSurvey dma = new DmaSurvey(orgs, seed);
        dma.write(out);
        new ProgrammeMembership(orgs, dma, seed).write(out);

        new CyberAssessments(orgs, seed).write(out);
        new DsptHistory(orgs, seed).write(out);

        // GP practices: the same at every scale (about 7,000 practices is England's size already); their own
        // random streams, so adding them changed no byte of the trusts' files
        GpPractices practices = new GpPractices(seed);
        practices.write(out);
        GpSurvey gpSurvey = new GpSurvey(practices, seed);
        gpSurvey.write(out);
        new GpDspt(practices, gpSurvey, seed).write(out);

        return out.written();
    }
}
