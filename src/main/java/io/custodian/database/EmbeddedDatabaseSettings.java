package io.custodian.database;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded PostgreSQL, used only when no {@code spring.datasource.url} is set.
 *
 * @param directory the PostgreSQL data directory, kept across restarts
 * @param startupTimeout how long a start (including crash recovery) may take
 * @param poolSize the largest number of connections the service opens
 * @param passwordFile where the superuser's password is kept (created at first start, 0600)
 * @param mayAttach whether to use the server of a running Custodian instead of failing; set by
 *     administrative commands, never by {@code serve}
 */
@Validated
@ConfigurationProperties("custodian.database.embedded")
public record EmbeddedDatabaseSettings(
    @NotNull Path directory,
    @NotNull Path passwordFile,
    @NotNull Duration startupTimeout,
    int poolSize,
    boolean mayAttach) {}
