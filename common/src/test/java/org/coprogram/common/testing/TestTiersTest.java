package org.coprogram.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The fast tier ({@code mvn test -Pfast}) runs only untagged tests, so a test that boots Quarkus or goes through the
 * running platform must say so with its tag, or the fast tier would try to reach PostgreSQL, Kafka and Keycloak. The
 * rules below are read from every module's test sources.
 */
class TestTiersTest {

    private static final Pattern QUARKUS_TEST = Pattern.compile("^@QuarkusTest\\b", Pattern.MULTILINE);
    private static final Pattern SERVICE_TAG = Pattern.compile("^@Tag\\(\"service\"\\)", Pattern.MULTILINE);
    private static final Pattern E2E_TAG = Pattern.compile("^@Tag\\(\"e2e\"\\)", Pattern.MULTILINE);
    private static final Pattern SLEEP = Pattern.compile("Thread\\.sleep\\(");
    private static final Pattern ORDER = Pattern.compile("^\\s*@(TestMethodOrder|Order)\\b", Pattern.MULTILINE);
    /** Surefire runs in the module's directory, the repository's root is its parent. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyQuarkusTestIsTaggedAsAServiceTest() {
        assertThat(testSources(source -> QUARKUS_TEST.matcher(source).find() && !SERVICE_TAG.matcher(source).find()))
                .isEmpty();
    }

    @Test
    void everyEndToEndTestIsTaggedAsAnE2eTest() {
        assertThat(testSources(source -> true).stream()
                .filter(file -> file.getFileName().toString().endsWith("E2ETest.java"))
                .filter(file -> !E2E_TAG.matcher(read(file)).find()).toList()).isEmpty();
    }

    /** The system tests go through the running platform; only the e2e module runs them (failsafe, when asked). */
    @Test
    void everyEndToEndTestLivesInTheE2eModule() {
        List<Path> endToEnd = testSources(source -> E2E_TAG.matcher(source).find());
        assertThat(endToEnd).as("@Tag(\"e2e\") tests").isNotEmpty();
        assertThat(endToEnd).allMatch(file -> file.startsWith("e2e"), "under e2e/");
    }

    @Test
    void noTestSleepsOrDependsOnTheOrderTestsRunIn() {
        assertThat(testSources(source -> SLEEP.matcher(source).find() || ORDER.matcher(source).find()).stream()
                .filter(file -> file.getFileName().toString().endsWith("Test.java")
                        || !file.getFileName().toString().contains("Benchmark"))
                .toList()).isEmpty();
    }

    private static List<Path> testSources(Predicate<String> matching) {
        try (Stream<Path> modules = Files.list(ROOT)) {
            // src/client-test/java: the e2e module's tests of the generated client (compiled with -Pe2e only)
            List<Path> roots = modules
                    .flatMap(module -> Stream.of(module.resolve("src/test/java"),
                            module.resolve("src/client-test/java")))
                    .filter(Files::isDirectory).toList();
            assertThat(roots).as("test sources under %s", ROOT).isNotEmpty();
            return roots.stream().flatMap(TestTiersTest::javaFiles).filter(file -> matching.test(read(file)))
                    .map(ROOT::relativize).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(ROOT.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
