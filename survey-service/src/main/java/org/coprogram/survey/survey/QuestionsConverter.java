package org.coprogram.survey.survey;

import java.util.List;

import jakarta.persistence.Converter;

import org.coprogram.common.persistence.JsonColumnConverter;

import com.fasterxml.jackson.core.type.TypeReference;

@Converter
public class QuestionsConverter extends JsonColumnConverter<List<Question>> {

    public QuestionsConverter() {
        super(new TypeReference<>() {
        });
    }
}
