package org.coprogram.bridge;

import java.util.List;
import java.util.Optional;

import org.coprogram.contracts.Topics;

import io.smallrye.config.ConfigMapping;

/**
 * Where the deployment's topics live ({@code coprogram.topics.prefix}, as in the services; contracts'
 * {@link Topics#named}): no prefix in production and the demo, the test run's own otherwise. Partners name topics as
 * the contract does; the bridge reads them in this namespace.
 */
@ConfigMapping(prefix = "coprogram.topics")
public interface TopicNamespace {

    Optional<String> prefix();

    /** The Kafka names of contract topics in this namespace. */
    default List<String> named(List<String> topics) {
        return topics.stream().map(topic -> Topics.named(prefix().orElse(""), topic)).toList();
    }
}
