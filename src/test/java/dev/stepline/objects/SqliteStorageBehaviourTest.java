package dev.stepline.objects;

import dev.stepline.testing.TestServer;

class SqliteStorageBehaviourTest extends StorageBehaviourTest {
    @Override
    TestServer open() {
        return TestServer.embedded();
    }
}
