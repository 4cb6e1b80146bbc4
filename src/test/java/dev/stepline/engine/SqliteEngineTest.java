package dev.stepline.engine;

import dev.stepline.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteEngineTest extends EngineContractTest {
    @TempDir
    Path dir;

    @Override
    Database open() {
        return Database.sqlite(dir);
    }
}
