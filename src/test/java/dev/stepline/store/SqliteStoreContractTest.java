package dev.stepline.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreContractTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    Database open() {
        return Database.sqlite(dir);
    }
}
