package org.coprogram.synthesis.socialreport;

import jakarta.persistence.Converter;

import org.coprogram.common.persistence.JsonColumnConverter;

import com.fasterxml.jackson.core.type.TypeReference;

@Converter
public class ContentConverter extends JsonColumnConverter<SocialReportContent> {

    public ContentConverter() {
        super(new TypeReference<>() {
        });
    }
}
