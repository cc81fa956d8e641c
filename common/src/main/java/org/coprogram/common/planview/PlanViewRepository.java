package org.coprogram.common.planview;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** The {@code plan_view} rows of a service: {@link PlanViews} reads them, {@link PlanEventsConsumer} writes them. */
@ApplicationScoped
public class PlanViewRepository implements PanacheRepositoryBase<PlanView, UUID> {
}
