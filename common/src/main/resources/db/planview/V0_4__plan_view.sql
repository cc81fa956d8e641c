-- A service's local view of plans, fed by coprogram.plans (synthesis-service owns plans); entity
-- org.coprogram.common.planview.PlanView. Shipped once here, applied by every service that lists db/planview in
-- quarkus.flyway.locations; it runs before the services' V1_0, whose tables reference plan_view (id). IF NOT EXISTS:
-- on a database created before this file, where a service's V1_0 made the same table, it is applied out of order.
CREATE TABLE IF NOT EXISTS plan_view (
    id         uuid PRIMARY KEY,
    region     text NOT NULL,
    title      text NOT NULL,
    phase      text NOT NULL,
    themes     text NOT NULL,
    updated_at timestamptz NOT NULL
);
