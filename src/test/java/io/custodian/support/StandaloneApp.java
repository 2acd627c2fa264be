package io.custodian.support;

import io.custodian.CustodianApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Custodian of a test's own, on its own data directory and random loopback ports, for tests that
 * need settings or a lifecycle the shared application does not have.
 */
public final class StandaloneApp {

  private StandaloneApp() {}

  public static ConfigurableApplicationContext start(Path dataDir, String... settings) {
    return start(dataDir, new Class<?>[0], settings);
  }

  /** With extra configuration classes, such as a pinned clock. */
  public static ConfigurableApplicationContext start(
      Path dataDir, Class<?>[] configurations, String... settings) {
    List<String> args = new ArrayList<>();
    args.add("--custodian.data-dir=" + dataDir);
    args.add("--server.port=0");
    args.add("--management.server.port=0");
    args.add("--custodian.vault.cipher-warm-up=0"); // CipherWarmUpTest covers it; spare the CPU
    args.addAll(List.of(settings));
    Class<?>[] sources = new Class<?>[configurations.length + 1];
    sources[0] = CustodianApplication.class;
    System.arraycopy(configurations, 0, sources, 1, configurations.length);
    return new SpringApplicationBuilder(sources).run(args.toArray(String[]::new));
  }

  public static Api api(ConfigurableApplicationContext app) {
    return new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
  }
}
