-- A service's local view of plans, fed by coprogram.plans (synthesis-service owns plans); entity
-- org.coprogram.common.planview.PlanView. Shipped once here, applied by every service that lists db/planview in
-- quarkus.flyway.locations; it runs before the services' V1_0, whose tables reference plan_view (id).
CREATE TABLE plan_view (
    id         uuid PRIMARY KEY,
    region     text NOT NULL,
    title      text NOT NULL,
    phase      text NOT NULL,
    themes     text NOT NULL,
    updated_at timestamptz NOT NULL
);
