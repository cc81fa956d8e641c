package org.coprogram.common.persistence;

import java.util.List;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

@Converter
public class StringListConverter extends JsonColumnConverter<List<String>> {

    public StringListConverter() {
        super(new TypeReference<>() {
        });
    }
}
