package dev.stepline.mwaa.api;

import dev.stepline.testing.TestServer;

class PostgresWorkflowStoreTest extends WorkflowStoreBehaviour {
    @Override
    TestServer start() {
        return TestServer.postgres();
    }
}
