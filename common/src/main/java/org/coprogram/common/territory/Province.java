package org.coprogram.common.territory;

public record Province(String code, String name, String region) {
}
