package org.coprogram.synthesis.plan;

import java.util.List;

import jakarta.persistence.Converter;

import org.coprogram.common.persistence.JsonColumnConverter;

import com.fasterxml.jackson.core.type.TypeReference;

@Converter
public class ThemesConverter extends JsonColumnConverter<List<Theme>> {

    public ThemesConverter() {
        super(new TypeReference<>() {
        });
    }
}
