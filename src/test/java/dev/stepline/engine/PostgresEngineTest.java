package dev.stepline.engine;

import dev.stepline.store.Database;
import dev.stepline.testing.Postgres;

class PostgresEngineTest extends EngineContractTest {
    private String url;

    @Override
    Database open() {
        if (url == null) {
            url = Postgres.freshSchemaUrl();
        }
        return Database.postgres(url);
    }
}
