package dev.stepline.objects;

import dev.stepline.testing.TestServer;

class PostgresStorageBehaviourTest extends StorageBehaviourTest {
    @Override
    TestServer open() {
        return TestServer.postgres();
    }
}
