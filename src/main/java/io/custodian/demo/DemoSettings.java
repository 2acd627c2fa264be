package io.custodian.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's settings for a demo: those given on the command line, plus defaults that keep the
 * demo apart from a real installation: a data directory of its own, whose paths no environment
 * variable can move, the embedded database, and ports on loopback only.
 *
 * @param dataDir the absolute data directory
 * @param given the settings given on the command line, without their leading {@code --}
 * @param serviceArgs the command line the service is started with
 */
record DemoSettings(Path dataDir, Map<String, String> given, List<String> serviceArgs) {

  static final String DATA_DIR = "custodian.data-dir";
  static final String ADMIN_KEY = "custodian.identity.bootstrap-admin-key";
  static final String DEFAULT_DATA_DIR = "./data-demo";
  static final int PREFERRED_PORT = 8080;
  static final int PREFERRED_MANAGEMENT_PORT = 9090;

  /**
   * Reads {@code --key=value} settings; a setting given twice keeps its last value.
   *
   * @throws DemoException for an argument that is not a setting
   */
  static DemoSettings of(String... args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 3) {
        throw new DemoException(
            "unexpected argument "
                + arg
                + "; settings look like --custodian.data-dir=/tmp/custodian-demo");
      }
      given.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    Path dataDir =
        Path.of(given.getOrDefault(DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
    Map<String, String> service = new LinkedHashMap<>(given);
    service.put(DATA_DIR, dataDir.toString());
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("custodian.database.embedded.directory", dataDir.resolve("postgres").toString());
    defaults.put(
        "custodian.database.embedded.password-file",
        dataDir.resolve("keys/database-password").toString());
    defaults.put("custodian.vault.blob-directory", dataDir.resolve("blobs").toString());
    defaults.put("custodian.vault.keyset-file", dataDir.resolve("keys/kek.json").toString());
    defaults.put("spring.datasource.url", ""); // blank: the embedded PostgreSQL
    defaults.put("server.address", "127.0.0.1");
    defaults.put("management.server.address", "127.0.0.1");
    defaults.put("logging.level.root", "WARN");
    // the stand-in customer's server: its complaints about sessions the service closed are noise
    defaults.put("logging.level.org.apache.sshd.server", "ERROR");
    defaults.forEach(service::putIfAbsent);
    if (!service.containsKey("server.port")) {
      service.put("server.port", Integer.toString(portOrAny(PREFERRED_PORT)));
    }
    if (!service.containsKey("management.server.port")) {
      service.put("management.server.port", Integer.toString(portOrAny(PREFERRED_MANAGEMENT_PORT)));
    }
    List<String> serviceArgs = new ArrayList<>();
    service.forEach((key, value) -> serviceArgs.add("--" + key + "=" + value));
    return new DemoSettings(dataDir, Map.copyOf(given), List.copyOf(serviceArgs));
  }

  /** A setting as given on the command line. */
  Optional<String> setting(String key) {
    return Optional.ofNullable(given.get(key));
  }

  /** The command line with one more setting, which must not have been given already. */
  String[] serviceArgs(String key, String value) {
    List<String> args = new ArrayList<>(serviceArgs);
    args.add("--" + key + "=" + value);
    return args.toArray(String[]::new);
  }

  /** {@code preferred} when it is free on loopback, else 0: any free port. */
  private static int portOrAny(int preferred) {
    try {
      new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress()).close();
      return preferred;
    } catch (IOException taken) {
      return 0;
    }
  }
}
