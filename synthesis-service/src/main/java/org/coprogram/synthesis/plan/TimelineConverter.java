package org.coprogram.synthesis.plan;

import java.util.List;

import jakarta.persistence.Converter;

import org.coprogram.common.persistence.JsonColumnConverter;

import com.fasterxml.jackson.core.type.TypeReference;

@Converter
public class TimelineConverter extends JsonColumnConverter<List<PlannedPhase>> {

    public TimelineConverter() {
        super(new TypeReference<>() {
        });
    }
}
