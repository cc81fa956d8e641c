package org.coprogram.notification.mail;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.notification.NotificationConfig;
import org.coprogram.notification.notification.NotificationContent.MailAttachment;
import org.coprogram.notification.preference.UnsubscribeTokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * Builds the message of one mail outbox row: Italian text, accessible HTML and plain text (multipart/alternative),
 * the attachments the event carried, and the RFC 8058 one-click unsubscribe headers. The Message-ID is derived from the
 * row, so a message sent twice (a sender that died after the relay accepted it) is recognisably the same message.
 */
@ApplicationScoped
public class MailComposer {

    static final int DIGEST_LINES = 50;
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<MailAttachment>> ATTACHMENTS = new TypeReference<>() {
    };

    /** One line of data under a notification. */
    public record Detail(String label, String value) {
    }

    /** One line of a digest, as the templates show it. */
    public record Line(String subject, String title, String url) {
    }

    private final NotificationConfig config;
    private final UnsubscribeTokens tokens;
    private final ObjectMapper json;
    private final Template html;
    private final Template text;
    private final Template digestHtml;
    private final Template digestText;

    public MailComposer(NotificationConfig config, UnsubscribeTokens tokens, ObjectMapper json,
            @Location("mail/notification.html") Template html, @Location("mail/notification.txt") Template text,
            @Location("mail/digest.html") Template digestHtml, @Location("mail/digest.txt") Template digestText) {
        this.config = config;
        this.tokens = tokens;
        this.json = json;
        this.html = html;
        this.text = text;
        this.digestHtml = digestHtml;
        this.digestText = digestText;
    }

    /** The e-mail of one notification. */
    public Mail notification(PendingMail row, String to) {
        Wording.Words words = Wording.of(row.kind());
        List<Detail> details = new ArrayList<>();
        read(row.data(), STRINGS, Map.<String, String>of())
                .forEach((key, value) -> details.add(new Detail(Wording.label(key), value)));
        String unsubscribe = unsubscribeUrl(row.accountId());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("subject", words.subject());
        values.put("intro", words.intro());
        values.put("title", row.title());
        values.put("url", absolute(row.url()));
        values.put("details", details);
        values.put("unsubscribe", unsubscribe);
        values.put("preferences", config.portalUrl() + "/notifiche");
        Mail mail = Mail.withHtml(to, headerText(words.subject() + ": " + row.title()), render(html, values))
                .setText(render(text, values));
        for (MailAttachment attachment : read(row.attachments(), ATTACHMENTS, List.<MailAttachment>of())) {
            mail.addAttachment(attachment.filename(), Base64.getDecoder().decode(attachment.base64()),
                    attachment.contentType());
        }
        return headers(mail, row, unsubscribe);
    }

    /** The day's digest: its first {@link #DIGEST_LINES} notifications, and how many there are in all. */
    public Mail digest(PendingMail row, String to, List<DigestItem> items, long total) {
        List<Line> lines = items.stream()
                .map(item -> new Line(Wording.of(item.kind()).subject(), item.title(), absolute(item.url()))).toList();
        String unsubscribe = unsubscribeUrl(row.accountId());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("subject", "Il riepilogo di Coprogram");
        values.put("lines", lines);
        values.put("total", total);
        values.put("more", Math.max(0, total - lines.size()));
        values.put("unsubscribe", unsubscribe);
        values.put("preferences", config.portalUrl() + "/notifiche");
        values.put("centre", config.portalUrl() + "/notifiche");
        String subject = total == 1
                ? "Il riepilogo di Coprogram: 1 novità"
                : "Il riepilogo di Coprogram: " + total + " novità";
        Mail mail = Mail.withHtml(to, subject, render(digestHtml, values)).setText(render(digestText, values));
        return headers(mail, row, unsubscribe);
    }

    private Mail headers(Mail mail, PendingMail row, String unsubscribe) {
        return mail.addHeader("List-Unsubscribe", "<" + unsubscribe + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("Message-ID", "<" + row.id() + "@notifications.coprogram>")
                .addHeader("Auto-Submitted", "auto-generated");
    }

    public String unsubscribeUrl(String accountId) {
        return config.publicApiUrl() + "/api/notifications/unsubscribe?token=" + tokens.issue(accountId);
    }

    /**
     * Only portal paths become links: a producer on the personal topic names a page of ours (e.g. /proposte/{id}),
     * never a foreign address that a mail from the platform would vouch for ("//host" is another host, so refused).
     */
    private String absolute(String url) {
        if (url == null || !url.startsWith("/") || url.startsWith("//") || url.contains("\\")) {
            return config.portalUrl();
        }
        return config.portalUrl() + url;
    }

    /** A header value from people's text (titles): no control characters, so no line can be added to the header. */
    static String headerText(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    private static String render(Template template, Map<String, Object> values) {
        var instance = template.instance();
        values.forEach(instance::data);
        return instance.render();
    }

    private <T> T read(String text, TypeReference<T> type, T empty) {
        if (text == null || text.isBlank()) {
            return empty;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mail_outbox row holds unreadable JSON", e);
        }
    }
}
