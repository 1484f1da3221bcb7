package uk.nhs.digitalmaturity.testing;

import java.nio.file.Path;

/**
 * Where things are, for every test: the repository root, the build folder, the fixtures. Surefire passes the
 * first two as system properties; an IDE running from the root falls back to the working directory.
 */
public final class Repo {
    private Repo() {
    }

    /** The repository root (surefire sets {@code nhs.repo.root}). */
    public static Path root() {
        return Path.of(System.getProperty("nhs.repo.root", ".")).toAbsolutePath().normalize();
    }

    /** Maven's build folder (surefire sets {@code nhs.build.dir}; CI may point it elsewhere). */
    public static Path buildDir() {
        String dir = System.getProperty("nhs.build.dir");
        return dir != null ? Path.of(dir) : root().resolve("target");
    }

    /** A hand-worked landing zone under {@code jobs/src/test/resources/fixtures/}. */
    public static Path fixture(String name) {
        return root().resolve("jobs/src/test/resources/fixtures").resolve(name);
    }

    /** {@code ../shared} beside the repository: the contract, the published figures and the real publications. */
    public static Path shared() {
        return root().resolve("../shared").normalize();
    }

    /** The committed sample landing zone. */
    public static Path sampleData() {
        return root().resolve("sample-data");
    }
}
