package org.coprogram.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A workload's application.properties as a cluster runs it. */
final class ClusterConfig {

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");

    private ClusterConfig() {
    }

    /**
     * Without the {@code %test.} and other profile-specific keys, and with each expression at its default: a cluster
     * sets none of those the Kafka checks read (no topic prefix, as in production: the prefixes are the test runs'
     * namespaces, docs/architecture.md).
     */
    static Properties of(String workload) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Kustomize.ROOT.resolve(workload).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        properties.stringPropertyNames().stream().filter(k -> k.startsWith("%")).toList().forEach(properties::remove);
        properties.stringPropertyNames().forEach(k -> properties.setProperty(k,
                DEFAULTED.matcher(properties.getProperty(k)).replaceAll(m -> Matcher.quoteReplacement(m.group(1)))));
        return properties;
    }
}
