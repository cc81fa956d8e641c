package org.coprogram.notification;

import org.coprogram.testing.CodeShape;
import org.junit.jupiter.api.Test;

/** docs/architecture.md, "Data access: one style": SQL and static entity queries only in repositories, checked on this module's main code. */
class DataAccessRuleTest {

    @Test
    void sqlAndEntityQueriesLiveOnlyInRepositories() {
        CodeShape.assertSqlOnlyInRepositories("org.coprogram.notification");
    }
}
