package org.coprogram.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * Every event on every public topic — those of the whole test run and the demo data — holds no directly
 * identifying data: no e-mail address and no account id of any demo user.
 */
class EventPrivacyE2ETest {

    static final List<String> TOPICS = List.of("coprogram.plans", "coprogram.proposals", "coprogram.surveys",
            "coprogram.meetings", "coprogram.synthesis");
    static final List<String> DEMO_USERS = List.of("cittadino", "ets", "ambito", "ambito-foggia", "moderatore",
            "regione", "regione-abruzzo");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    @Test
    void noEventCarriesAnEmailOrAnAccountId() {
        List<String> accountIds = DEMO_USERS.stream().map(user -> subjectOf(Tokens.of(user))).toList();
        List<String> texts = new ArrayList<>();
        for (String topic : TOPICS) {
            try (TopicReader reader = TopicReader.fromBeginning(topic)) {
                for (ConsumerRecord<String, String> record : reader.drain()) {
                    StringBuilder text = new StringBuilder(record.value() == null ? "" : record.value());
                    for (Header header : record.headers()) {
                        text.append('\n').append(header.key()).append('=')
                                .append(new String(header.value(), StandardCharsets.UTF_8));
                    }
                    texts.add(text.toString());
                }
            }
        }
        assertThat(texts).as("events on the public topics").hasSizeGreaterThan(10);
        assertThat(texts).noneMatch(text -> EMAIL.matcher(text).find());
        for (String accountId : accountIds) {
            assertThat(texts).noneMatch(text -> text.contains(accountId));
        }
    }

    private static String subjectOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
