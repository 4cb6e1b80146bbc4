package dev.stepline.mwaa.api;

import dev.stepline.testing.TestServer;

class SqliteWorkflowStoreTest extends WorkflowStoreBehaviour {
    @Override
    TestServer start() {
        return TestServer.embedded();
    }
}
