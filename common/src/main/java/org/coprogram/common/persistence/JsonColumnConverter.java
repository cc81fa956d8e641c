package org.coprogram.common.persistence;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Maps a value object that is always read with its row to a JSON text column. Subclass with the concrete type. */
public abstract class JsonColumnConverter<T> implements AttributeConverter<T, String> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private final TypeReference<T> type;

    protected JsonColumnConverter(TypeReference<T> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value cannot be stored as JSON", e);
        }
    }

    @Override
    public T convertToEntityAttribute(String column) {
        try {
            return column == null ? null : JSON.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt JSON column", e);
        }
    }
}
