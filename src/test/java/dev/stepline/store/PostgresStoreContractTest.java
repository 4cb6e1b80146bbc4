package dev.stepline.store;

import dev.stepline.testing.Postgres;

class PostgresStoreContractTest extends StoreContractTest {
    @Override
    Database open() {
        return Database.postgres(Postgres.freshSchemaUrl());
    }
}
