package org.coprogram.testing;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hibernate.reactive.mutiny.Mutiny;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The team's data-access rule, checked the same way in every module: SQL and static Panache entity queries live in
 * classes named {@code *Repository} (and SQL in migrations), nowhere else. Two checks, because neither sees
 * everything: the compiled classes for calls that run SQL or query an entity, the sources for SQL text (a constant is
 * inlined by the compiler, so no call reveals where it was written).
 */
public final class CodeShape {

    private static final Pattern SQL_TEXT = Pattern.compile(
            "\"\\s*(SELECT|INSERT INTO|UPDATE \\w+ SET|DELETE FROM|WITH \\w+ AS)\\b", Pattern.CASE_INSENSITIVE);

    /** PanacheEntityBase's static queries; {@code persist} and {@code delete} are static only with arguments. */
    private static final Set<String> STATIC_QUERIES = Set.of("findById", "find", "findAll", "list", "listAll", "stream",
            "streamAll", "count", "deleteAll", "deleteById", "update", "getSession", "flush");

    private CodeShape() {
    }

    /**
     * The main classes of {@code basePackage}, without tests. Only class directories are scanned: a module's own main
     * classes are always its {@code target/classes}, and opening every jar of a Quarkus test class path to look for the
     * package cost most of this rule's time (docs/performance.md, "Test suite time"). Classes they use are still
     * resolved from the class path, so assignability to library types holds.
     */
    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /** No class but a repository runs SQL through the reactive client or a Hibernate Reactive native query. */
    public static ArchRule sqlRunsOnlyInRepositories() {
        DescribedPredicate<JavaClass> sqlClient = JavaClass.Predicates.assignableTo(SqlClient.class)
                .or(JavaClass.Predicates.assignableTo(Mutiny.Session.class))
                .or(JavaClass.Predicates.assignableTo(Mutiny.StatelessSession.class));
        return noClasses().that(outsideRepositories())
                .should().callMethodWhere(target(owner(sqlClient))
                        .and(target(nameMatching("query|preparedQuery|createNativeQuery|preparedQueryBatch"))))
                .as("SQL runs only in classes named *Repository")
                .because("docs/architecture.md, \"Data access: one style\"")
                .allowEmptyShould(true);
    }

    /**
     * No class but a repository queries through an entity's static Panache methods ({@code Plan.findById},
     * {@code Survey.find}, …): reads and writes by query go through the aggregate's repository, whose methods a test
     * can follow. An entity's own instance {@code persist()} and {@code delete()} stay where the entity is changed.
     */
    public static ArchRule entityQueriesRunOnlyInRepositories() {
        return noClasses().that(outsideRepositories())
                .should().callMethodWhere(DescribedPredicate.describe("a static Panache query on an entity",
                        CodeShape::isStaticEntityQuery))
                .as("Static Panache entity queries run only in classes named *Repository")
                .because("docs/architecture.md, \"Data access: one style\"")
                .allowEmptyShould(true);
    }

    private static boolean isStaticEntityQuery(JavaMethodCall call) {
        var target = call.getTarget();
        if (!target.getOwner().isAssignableTo(PanacheEntityBase.class)) {
            return false;
        }
        String name = target.getName();
        return STATIC_QUERIES.contains(name)
                || (name.equals("persist") || name.equals("delete")) && !target.getRawParameterTypes().isEmpty();
    }

    /** Classes that are neither a repository nor nested in one (a lambda or an inner class of a repository is part of it). */
    private static DescribedPredicate<JavaClass> outsideRepositories() {
        return DescribedPredicate.describe("are not repositories", javaClass -> {
            for (JavaClass c = javaClass; c != null; c = c.getEnclosingClass().orElse(null)) {
                if (c.getSimpleName().endsWith("Repository")) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The source files under {@code sourceRoot}, other than repositories, that hold SQL text. */
    public static List<String> sqlTextOutsideRepositories(Path sourceRoot) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().endsWith("Repository.java"))
                    .filter(CodeShape::holdsSqlText)
                    .map(file -> sourceRoot.relativize(file).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the rule for one module (SQL calls, entity queries, SQL text) for one module: its base package and {@code src/main/java}. */
    public static void assertSqlOnlyInRepositories(String basePackage) {
        JavaClasses classes = mainClasses(basePackage);
        sqlRunsOnlyInRepositories().check(classes);
        entityQueriesRunOnlyInRepositories().check(classes);
        assertThat(sqlTextOutsideRepositories(Path.of("src/main/java")))
                .as("SQL text outside *Repository classes").isEmpty();
    }

    private static boolean holdsSqlText(Path file) {
        try {
            return SQL_TEXT.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
