package org.coprogram.meeting.meeting;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;

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
 * clients place it right on both sides of a daylight-saving change.
 */
@ApplicationScoped
public class MeetingCalendar {

    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
    private final TerritoryCatalog territory;

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

    public String ics(Meeting meeting) {
        VEvent event = new VEvent(icalTime(meeting.startsAt), icalTime(meeting.endsAt), meeting.title);
        event.add(new Uid(meeting.id + "@coprogram"));
        event.add(new Description(meeting.description));
        String municipality = territory.municipality(meeting.municipality).map(m -> m.name()).orElse("");
        String place = meeting.address == null ? municipality : meeting.address + ", " + municipality;
        event.add(new Location(meeting.onlineUrl == null ? place : place + " / " + meeting.onlineUrl));
        if (meeting.onlineUrl != null) {
            event.add(new Url(URI.create(meeting.onlineUrl)));
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
}
