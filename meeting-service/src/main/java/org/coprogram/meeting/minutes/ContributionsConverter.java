package org.coprogram.meeting.minutes;

import java.util.List;

import jakarta.persistence.Converter;

import org.coprogram.common.persistence.JsonColumnConverter;

import com.fasterxml.jackson.core.type.TypeReference;

@Converter
public class ContributionsConverter extends JsonColumnConverter<List<MinutesContent.Contribution>> {

    public ContributionsConverter() {
        super(new TypeReference<>() {
        });
    }
}
