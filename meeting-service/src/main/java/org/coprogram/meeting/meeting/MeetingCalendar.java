package org.coprogram.meeting.meeting;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.territory.TerritoryCatalog;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * A meeting as an iCalendar file (ical4j): the event in Europe/Rome local time with its VTIMEZONE, so calendar
 * clients place it right on both sides of a daylight-saving change. No text reaches the file with a control character:
 * ical4j escapes line feeds but not a bare CR, which many clients take for a line end, so a title could otherwise start
 * properties of its own ({@code ATTENDEE}, {@code ORGANIZER}, an {@code END:VEVENT}). Requests are refused with such
 * characters ({@link PlainText}); what is stored is cleaned here as well.
 *
 * <p>
 * Every registration attaches the meeting's file to its notice, and building it (the VTIMEZONE above all) was a tenth
 * of meeting-service's CPU under registrations (#28, docs/performance.md "CPU per write"): the file is kept per meeting
 * and built again only when a field it shows has changed.
 */
@ApplicationScoped
public class MeetingCalendar {

    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u0080-\\u009F\\u2028\\u2029]+");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\u0085\\u2028\\u2029]");
    private static final Pattern CONTROL_BUT_LF = Pattern.compile("[[\\p{Cntrl}\\u0080-\\u009F]&&[^\\n]]");
    /** Meetings whose file is kept; past it the kept files are dropped and built again on demand. */
    static final int KEPT = 2_000;
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
    private final TerritoryCatalog territory;
    private final ConcurrentHashMap<UUID, Built> built = new ConcurrentHashMap<>();

    /** Every field of the meeting the file shows. */
    private record Shown(OffsetDateTime startsAt, OffsetDateTime endsAt, String title, String description,
            String municipality, String address, String onlineUrl, MeetingStatus status) {

        static Shown of(Meeting meeting) {
            return new Shown(meeting.startsAt, meeting.endsAt, meeting.title, meeting.description, meeting.municipality,
                    meeting.address, meeting.onlineUrl, meeting.status);
        }
    }

    private record Built(Shown shown, String ics) {
    }

    public MeetingCalendar(TerritoryCatalog territory) {
        this.territory = territory;
    }

    /**
     * Local Rome time with TZID, except in the hour repeated when clocks go back: a local time there means its first
     * occurrence (RFC 5545, 3.3.5), so an instant in the second occurrence is written in UTC to stay exact.
     */
    static Temporal icalTime(OffsetDateTime time) {
        ZonedDateTime local = time.atZoneSameInstant(ROME);
        List<ZoneOffset> offsets = ROME.getRules().getValidOffsets(local.toLocalDateTime());
        boolean secondOccurrence = offsets.size() > 1 && !local.getOffset().equals(offsets.get(0));
        return secondOccurrence ? time.toInstant() : local;
    }

    /** The meeting's file: the one built before while none of its fields has changed. */
    public String ics(Meeting meeting) {
        Shown shown = Shown.of(meeting);
        Built kept = meeting.id == null ? null : built.get(meeting.id);
        if (kept != null && kept.shown().equals(shown)) {
            return kept.ics();
        }
        String ics = build(meeting);
        if (meeting.id != null) {
            if (built.size() >= KEPT) {
                built.clear();
            }
            built.put(meeting.id, new Built(shown, ics));
        }
        return ics;
    }

    private String build(Meeting meeting) {
        VEvent event = new VEvent(icalTime(meeting.startsAt), icalTime(meeting.endsAt), oneLine(meeting.title));
        event.add(new Uid(meeting.id + "@coprogram"));
        event.add(new Description(lines(meeting.description)));
        String municipality = territory.municipality(meeting.municipality).map(m -> m.name()).orElse("");
        String place = meeting.address == null ? municipality : meeting.address + ", " + municipality;
        String online = meeting.onlineUrl == null ? null : oneLine(meeting.onlineUrl);
        event.add(new Location(oneLine(online == null ? place : place + " / " + online)));
        URI link = link(online);
        if (link != null) {
            event.add(new Url(link));
        }
        event.add(meeting.status == MeetingStatus.CANCELLED
                ? ImmutableStatus.VEVENT_CANCELLED
                : ImmutableStatus.VEVENT_CONFIRMED);
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Coprogram//Incontri del piano sociale//IT"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(zones.getTimeZone(ROME.getId()).getVTimeZone());
        calendar.add(event);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter().output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A one-line text: every run of control characters or line separators becomes one space. */
    static String oneLine(String text) {
        return text == null ? "" : CONTROL.matcher(text).replaceAll(" ").strip();
    }

    /** A long text: its line breaks, whatever their form, become line feeds (ical4j writes them as \n). */
    static String lines(String text) {
        if (text == null) {
            return "";
        }
        String unified = LINE_BREAK.matcher(text).replaceAll("\n");
        return CONTROL_BUT_LF.matcher(unified).replaceAll(" ");
    }

    private static URI link(String url) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
