package io.custodian.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Starts the embedded PostgreSQL and pools connections to it. */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalDatabaseAbsent.class)
class EmbeddedDatabaseConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseSettings settings) {
    return EmbeddedDatabase.start(settings, settings.mayAttach());
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedDatabase database, EmbeddedDatabaseSettings settings) {
    HikariDataSource pool = new HikariDataSource();
    pool.setPoolName("custodian");
    pool.setJdbcUrl(database.jdbcUrl());
    pool.setUsername(database.user());
    pool.setPassword(database.password());
    pool.setMaximumPoolSize(settings.poolSize());
    // A JDBC batch of inserts (audit entries, batch items) goes as multi-row inserts.
    pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    return pool;
  }
}
