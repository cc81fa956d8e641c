package org.coprogram.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.coprogram.testing.OutboxDrain;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The platform these tests run against: the test platform {@code ./coprogram test} starts ({@code ./coprogram
 * test-platform} alone), with its own ports, run state, databases, realm and topics, never the demo's
 * (docs/architecture.md, "Tests never change the demo"). Named in one place, e2e/pom.xml, which gives the same gateway
 * to the portal's browser tests, and passes the realm and the topic prefix to the shared helpers' {@code TestNamespace}.
 */
final class Platform {

    /** The checkout whose {@code ./coprogram} started the platform. */
    static final Path ROOT = Path.of(System.getProperty("coprogram.root", "..")).toAbsolutePath().normalize();
    static final String GATEWAY = required("coprogram.e2e.gateway");
    private static final Map<String, String> SERVICES = services(required("coprogram.e2e.services"));
    /** The platform's run state, where {@code ./coprogram} keeps its pid files. */
    private static final Path RUN = Path.of(required("coprogram.e2e.run"));
    /** One kept-open connection per service's database for the outbox drains of the whole run (see OneConnection). */
    private static final Map<String, OneConnection> OUTBOXES = new ConcurrentHashMap<>();

    private Platform() {
    }

    static int gatewayPort() {
        return URI.create(GATEWAY).getPort();
    }

    /** Each service's own base URL, by module name ({@code proposal-service} …). */
    static Map<String, String> services() {
        return SERVICES;
    }

    static String service(String module) {
        String url = SERVICES.get(module);
        if (url == null) {
            throw new IllegalArgumentException("no service " + module + " in coprogram.e2e.services");
        }
        return url;
    }

    /** The pid file of one of the platform's processes, as {@code ./coprogram} wrote it. */
    static Path pidFile(String module) {
        return RUN.resolve("pids").resolve(module + ".pid");
    }

    /**
     * One of the platform's services' own database ({@code coprogram_<service>} and the suffix {@code ./coprogram}
     * recorded beside its pid), for the few checks no API can answer: that its outbox relayed everything.
     */
    static DataSource database(String module) {
        String suffix;
        try {
            suffix = Files.readString(RUN.resolve("pids").resolve(module + ".db-suffix")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no database suffix recorded for " + module + " in " + RUN, e);
        }
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL("jdbc:postgresql://127.0.0.1:5432/coprogram_" + module.replaceFirst("-service$", "") + suffix);
        database.setUser("postgres");
        return database;
    }

    /**
     * Waits until every service's outbox relay has handed to Kafka every event committed so far ({@link OutboxDrain}):
     * a request writes its events in its own transaction, committed before it is answered, so after this a
     * {@code TopicReader.readToEnd()} sees every copy of every event the requests answered so far caused, a duplicate
     * included, with no quiet period. Drains all four (a few milliseconds each): a check need not know which service
     * owns a topic.
     */
    static synchronized void drainOutboxes() {
        SERVICES.keySet().stream().sorted()
                .map(module -> OUTBOXES.computeIfAbsent(module, name -> new OneConnection(database(name))))
                .forEach(OutboxDrain::await);
    }

    /** The command that restarts one of the platform's services as an operator would, without waiting for it. */
    static List<String> restart(String module) {
        return List.of(ROOT.resolve("coprogram").toString(), "test-platform", "restart", module, "--no-wait");
    }

    private static Map<String, String> services(String list) {
        Map<String, String> services = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            String[] nameAndUrl = entry.trim().split("=", 2);
            services.put(nameAndUrl[0], nameAndUrl[1]);
        }
        return Map.copyOf(services);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run these tests with "
                    + "mvn -pl e2e verify -Pe2e (e2e/pom.xml names the test platform)");
        }
        return value;
    }
}
