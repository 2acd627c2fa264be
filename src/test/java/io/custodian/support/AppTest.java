package io.custodian.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application over real HTTP on loopback, on the embedded PostgreSQL, in one data
 * directory shared by every test class that extends this (one context, started once).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "custodian.ingest.max-audio-size=8MB",
      "custodian.offload.tick=1h",
      "custodian.vault.cipher-warm-up=0" // CipherWarmUpTest covers it; spare the CPU
    })
public abstract class AppTest {

  public static final Path DATA_DIR = tempDir();
  public static final String ADMIN_KEY = newKey();

  @LocalServerPort protected int port;
  @LocalManagementPort protected int managementPort;
  @Autowired protected JdbcClient jdbc;

  protected Api api;
  protected Tenants tenants;

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) {
    registry.add("custodian.data-dir", DATA_DIR::toString);
    registry.add("custodian.identity.bootstrap-admin-key", () -> ADMIN_KEY);
  }

  @BeforeEach
  void client() {
    api = new Api(port);
    tenants = new Tenants(api, ADMIN_KEY);
  }

  /** A new random API key in Custodian's format. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return "cus_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The sum of a Prometheus metric's samples (all its tags), as the management port exports it. */
  protected double prometheusSum(String name) {
    return new Api(managementPort)
        .get("/actuator/prometheus", null)
        .text()
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Audit entries of an action on a subject, counted in the database. */
  protected long auditCount(String action, String orgId, String outcome) {
    return jdbc.sql(
            "select count(*) from audit_log where action = :a and org_id = :o and outcome = :x")
        .param("a", action)
        .param("o", orgId)
        .param("x", outcome)
        .query(Long.class)
        .single();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("custodian-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
