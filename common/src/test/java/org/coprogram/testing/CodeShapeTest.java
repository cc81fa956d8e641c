package org.coprogram.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.tngtech.archunit.core.importer.ClassFileImporter;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

class CodeShapeTest {

    static class ReportService {
        Uni<?> count(Pool pool) {
            return pool.query("SELECT 1").execute();
        }
    }

    static class ReportRepository {
        Uni<?> count(Pool pool) {
            return pool.query("SELECT 1").execute();
        }
    }

    static class Tally extends PanacheEntityBase {
    }

    static class TallyService {
        Uni<?> read(Tally tally) {
            return Tally.findById(1L).call(found -> tally.persist());
        }
    }

    static class TallyWriter {
        Uni<?> write(Tally tally) {
            return tally.persist().call(tally::delete);
        }
    }

    static class TallyRepository {
        Uni<?> read() {
            return Tally.count();
        }
    }

    @Test
    void aStaticEntityQueryOutsideARepositoryBreaksTheRule() {
        assertThatThrownBy(() -> CodeShape.entityQueriesRunOnlyInRepositories()
                .check(new ClassFileImporter().importClasses(TallyService.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("TallyService")
                .hasMessageContaining("findById");
    }

    @Test
    void anEntityPersistsAndDeletesItselfAnywhereAndRepositoriesQuery() {
        CodeShape.entityQueriesRunOnlyInRepositories()
                .check(new ClassFileImporter().importClasses(TallyWriter.class, TallyRepository.class));
    }

    @Test
    void aServiceThatRunsSqlBreaksTheRule() {
        assertThatThrownBy(() -> CodeShape.sqlRunsOnlyInRepositories()
                .check(new ClassFileImporter().importClasses(ReportService.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReportService");
    }

    @Test
    void aRepositoryMayRunSql() {
        CodeShape.sqlRunsOnlyInRepositories()
                .check(new ClassFileImporter().importClasses(ReportRepository.class));
    }

    @Test
    void sqlTextIsFoundOutsideRepositoriesOnly(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("org/x"));
        Files.writeString(root.resolve("org/x/TallyService.java"), "String q = \"select count(*) from t\";");
        Files.writeString(root.resolve("org/x/TallyRepository.java"), "String q = \"SELECT count(*) FROM t\";");
        Files.writeString(root.resolve("org/x/Labels.java"), "String s = \"Seleziona un tema\";");

        assertThat(CodeShape.sqlTextOutsideRepositories(root)).containsExactly("org/x/TallyService.java");
    }
}
