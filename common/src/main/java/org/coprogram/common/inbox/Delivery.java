package org.coprogram.common.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** An event as it arrived: the channel that read it, the Kafka record (for where it was and its raw value). */
public record Delivery(String channel, ConsumerRecord<?, String> record, ReceivedEvent event) {
}
