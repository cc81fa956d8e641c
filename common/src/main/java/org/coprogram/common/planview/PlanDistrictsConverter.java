package org.coprogram.common.planview;

import java.util.List;

import jakarta.persistence.Converter;

import org.coprogram.common.persistence.JsonColumnConverter;

import com.fasterxml.jackson.core.type.TypeReference;

@Converter
public class PlanDistrictsConverter extends JsonColumnConverter<List<PlanDistrict>> {

    public PlanDistrictsConverter() {
        super(new TypeReference<>() {
        });
    }
}
