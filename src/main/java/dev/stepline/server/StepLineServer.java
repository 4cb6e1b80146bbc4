package dev.stepline.server;

import static java.util.Objects.requireNonNull;

import dev.stepline.admin.AdminEndpoint;
import dev.stepline.admin.AdminRoutes;
import dev.stepline.ports.Ports;
import dev.stepline.engine.Engine;
import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.sfn.tasks.TaskConfig;
import dev.stepline.sfn.tasks.TaskInvoker;
import dev.stepline.engine.EngineClock;
import dev.stepline.http.JettyServer;
import dev.stepline.objects.ObjectStorage;
import dev.stepline.objects.ObjectStoreApi;
import dev.stepline.protocol.Accounts;
import dev.stepline.protocol.Router;
import dev.stepline.protocol.ServiceEndpoint;
import dev.stepline.protocol.paging.PageTokens;
import dev.stepline.imagebuilder.api.ImageBuilderApi;
import dev.stepline.mwaa.api.MwaaServerlessApi;
import dev.stepline.sfn.api.StepFunctionsApi;
import dev.stepline.store.CounterStore;
import dev.stepline.store.Database;
import dev.stepline.store.IdempotencyStore;
import dev.stepline.store.MetaStore;
import dev.stepline.store.Migrations;
import dev.stepline.store.ResourceStore;
import dev.stepline.store.TagStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A running Stepline: the store, every service face, the router and the HTTP listener. */
public final class StepLineServer implements AutoCloseable {
    /** Page tokens live 24 hours, as Step Functions documents; the other services follow. */
    static final Duration PAGE_TOKEN_LIFETIME = Duration.ofHours(24);
    /** Client tokens are remembered for a day (AWS documents at least eight hours for most services). */
    static final Duration CLIENT_TOKEN_LIFETIME = Duration.ofHours(24);

    private final ServerConfig config;
    private final Database database;
    private final Engine engine;
    private final Router router;
    private final JettyServer http;
    private final EngineClock clock;
    private final SharedClock sharedClock;

    private StepLineServer(ServerConfig config, Database database, Engine engine, Router router, JettyServer http,
                           EngineClock clock, SharedClock sharedClock) {
        this.sharedClock = sharedClock;
        this.router = router;
        this.config = config;
        this.database = database;
        this.engine = engine;
        this.http = http;
        this.clock = clock;
    }

    /** Opens the store, migrates it, wires the services and starts listening. */
    public static StepLineServer start(ServerConfig config) throws Exception {
        requireNonNull(config, "config is null");
        EngineClock clock = new EngineClock(Clock.systemUTC(), config.timeScale());
        Database database = config.databaseUrl() == null
                ? Database.sqlite(config.dataDir())
                : Database.postgres(config.databaseUrl());
        Engine engine = null;
        SharedClock sharedClock = null;
        try {
            Migrations.apply(database, clock);
            sharedClock = new SharedClock(database, clock);
            byte[] pageTokenKey = new MetaStore().secretKey(database, "page-token-key");
            ObjectStorage objects = new ObjectStorage(database, config.dataDir().resolve("objects"), clock);
            engine = new Engine(database, clock, config.lease());
            AdminRoutes adminRoutes = new AdminRoutes();
            Platform platform = new Platform(database, new ResourceStore(), new TagStore(), new CounterStore(),
                    new ClientTokens(new IdempotencyStore(), CLIENT_TOKEN_LIFETIME), new PageTokens(pageTokenKey, clock, PAGE_TOKEN_LIFETIME),
                    clock, config.dataDir(), objects, engine, new Ports(), adminRoutes);
            List<ServiceEndpoint> endpoints = new ArrayList<>();
            TaskInvoker tasks = TaskInvoker.create(TaskConfig.defaults()
                    .withMockConfigFile(config.sfnMockConfig()).withLambdaEndpoint(config.lambdaEndpoint()));
            endpoints.add(StepFunctionsApi.create(platform, tasks));
            endpoints.add(ImageBuilderApi.create(platform));
            endpoints.add(MwaaServerlessApi.create(platform, config.mwaa()));
            Accounts accounts = Accounts.parse(config.account(), config.credentials());
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("store", database.dialect().name().toLowerCase(java.util.Locale.ROOT));
            about.put("services", List.of("states", "imagebuilder", "airflow-serverless", "s3"));
            Router router = new Router(endpoints, new ObjectStoreApi(objects), new AdminEndpoint(clock, about, adminRoutes), accounts,
                    config.region(), clock, SignatureCheck.create(config.verifySignatures(), accounts));
            engine.start();
            JettyServer http = new JettyServer(config.host(), config.port(), router);
            http.start();
            return new StepLineServer(config, database, engine, router, http, clock, sharedClock);
        } catch (Exception | Error e) {
            if (engine != null) {
                engine.close();
            }
            if (sharedClock != null) {
                sharedClock.close();
            }
            database.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** Serves one request without the network (in-process benchmarks measure everything but the socket). */
    public HttpResponse handle(HttpRequest request) {
        return router.handle(request);
    }

    public Engine engine() {
        return engine;
    }

    public EngineClock clock() {
        return clock;
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        try {
            http.close();
        } finally {
            try {
                engine.close();
            } finally {
                sharedClock.close();
                database.close();
            }
        }
    }
}
