/**
 * The database: an embedded, durable PostgreSQL under the data directory unless an external one is
 * configured with the standard {@code spring.datasource.*} settings.
 */
@NullMarked
package io.custodian.database;

import org.jspecify.annotations.NullMarked;
