package io.custodian.identity;

import io.custodian.audit.AuditEvent;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure an administrator can get in: takes the configured bootstrap key, or on a first start
 * with no admin key generates one and prints it once on standard output.
 */
@Component
@Order(0)
@ConditionalOnWebApplication
class AdminKeyBootstrap implements ApplicationRunner {

  private final ApiKeys keys;
  private final IdentitySettings settings;

  AdminKeyBootstrap(ApiKeys keys, IdentitySettings settings) {
    this.keys = keys;
    this.settings = settings;
  }

  @Override
  public void run(ApplicationArguments args) {
    String configured = settings.bootstrapAdminKey();
    if (configured != null && !configured.isBlank()) {
      ApiKeys.requireWellFormed(configured);
      if (!keys.exists(configured)) {
        keys.store(configured, null, "bootstrap (configuration)", AuditEvent.SYSTEM);
      }
      return;
    }
    if (!keys.hasActiveAdminKey()) {
      ApiKeys.IssuedKey issued = keys.issue(null, "bootstrap (first start)", AuditEvent.SYSTEM);
      System.out.printf(
          "%n  Custodian created an admin API key. It is shown this once; keep it safe:%n"
              + "%n    %s%n%n",
          issued.secret());
    }
  }
}
