import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of a topics file (lines "name partitions", # comments) behind one or more prefixes, created in one JVM
 * with one admin client: what {@code ./coprogram} used to do with a TopicCommand JVM per topic (about a second of CPU
 * each). Existing topics are left alone. Run by the source launcher with Kafka's libraries on the class path:
 *
 * <pre>
 * java -cp 'KAFKA/libs/*' infra/kafka/CreateTopics.java BOOTSTRAP TOPICS_FILE PREFIX...
 * </pre>
 *
 * An empty PREFIX ("") stands for the topics' own names. Prints one line per created topic.
 */
public final class CreateTopics {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CreateTopics BOOTSTRAP TOPICS_FILE PREFIX...");
            System.exit(2);
        }
        List<NewTopic> wanted = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            for (int i = 2; i < args.length; i++) {
                wanted.add(new NewTopic(args[i] + fields[0], Optional.of(Integer.parseInt(fields[1])),
                        Optional.of((short) 1)));
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            var created = admin.createTopics(missing).values();
            int failures = 0;
            for (NewTopic topic : missing) {
                try {
                    created.get(topic.name()).get();
                    System.out.println("created topic " + topic.name() + " (" + topic.numPartitions()
                            + " partitions)");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        System.err.println("could not create topic " + topic.name() + ": " + e.getCause());
                        failures++;
                    }
                }
            }
            if (failures > 0) {
                System.exit(1);
            }
        }
    }
}
