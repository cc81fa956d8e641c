package org.coprogram.synthesis.monitoring;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One measured value of an indicator, for one district and one period (e.g. 2026, 2026-S1, 2026-Q3). */
@Entity
@Table(name = "measurement")
public class Measurement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "indicator_id")
    public UUID indicatorId;

    @Column(name = "district_code")
    public String districtCode;

    public String period;

    public BigDecimal value;

    @Column(name = "entered_at")
    public OffsetDateTime enteredAt;

    @Column(name = "entered_by")
    public String enteredBy;
}
