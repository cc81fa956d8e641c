package org.coprogram.synthesis.plan;

import java.util.List;

import jakarta.persistence.Converter;

import org.coprogram.common.persistence.JsonColumnConverter;

import com.fasterxml.jackson.core.type.TypeReference;

@Converter
public class LepsConverter extends JsonColumnConverter<List<String>> {

    public LepsConverter() {
        super(new TypeReference<>() {
        });
    }
}
