package org.coprogram.meeting.meeting;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

/** A service test whose meetings go on {@link Meetings#sharedPlan()}, with the database to check what was stored. */
public abstract class OnSharedPlan {

    protected static UUID plan;

    @Inject
    protected DataSource database;

    @BeforeEach
    void sharedPlan() {
        plan = Meetings.sharedPlan();
    }
}
