package dev.stepline.server;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Engine;
import dev.stepline.engine.EngineClock;
import dev.stepline.admin.AdminRoutes;
import dev.stepline.objects.ObjectStore;
import dev.stepline.ports.Ports;
import dev.stepline.protocol.paging.PageTokens;
import dev.stepline.store.CounterStore;
import dev.stepline.store.Database;
import dev.stepline.store.ResourceStore;
import dev.stepline.store.TagStore;
import java.nio.file.Path;

/**
 * The shared parts every service face is built from. Faces never talk to each other directly;
 * what they share goes through here (the store, the clock), the object store ({@code objects}),
 * the doors they offer each other ({@code ports}) and Stepline's own endpoints ({@code admin}).
 */
public record Platform(Database database, ResourceStore resources, TagStore tags, CounterStore counters,
                       ClientTokens clientTokens, PageTokens pageTokens, EngineClock clock, Path dataDir,
                       ObjectStore objects, Engine engine, Ports ports,
                       AdminRoutes admin) {
    public Platform {
        requireNonNull(database, "database is null");
        requireNonNull(resources, "resources is null");
        requireNonNull(tags, "tags is null");
        requireNonNull(counters, "counters is null");
        requireNonNull(clientTokens, "clientTokens is null");
        requireNonNull(pageTokens, "pageTokens is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(objects, "objects is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(ports, "ports is null");
        requireNonNull(admin, "admin is null");
    }
}
