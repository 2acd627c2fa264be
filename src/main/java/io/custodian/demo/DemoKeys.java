package io.custodian.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's API keys, kept in its data directory (mode 0600) so that a second run uses the same
 * admin key, which the service takes as its bootstrap key, and the same organisation key.
 */
final class DemoKeys {

  private static final String ADMIN = "admin-key";
  private static final String ORG = "org-key";

  private final Path file;
  private final Map<String, String> keys;

  private DemoKeys(Path file, Map<String, String> keys) {
    this.file = file;
    this.keys = keys;
  }

  /** The keys stored under {@code dataDir}; a new admin key if there are none yet. */
  static DemoKeys in(Path dataDir) throws IOException {
    Path file = dataDir.resolve("keys/demo-keys");
    Map<String, String> keys = new LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        int equals = line.indexOf('=');
        if (!line.startsWith("#") && equals > 0) {
          keys.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
        }
      }
    }
    DemoKeys demoKeys = new DemoKeys(file, keys);
    if (!keys.containsKey(ADMIN)) {
      keys.put(ADMIN, newKey());
      demoKeys.save();
    }
    return demoKeys;
  }

  /** A random key in the service's format: {@code cus_} and 256 random bits, base64url. */
  static String newKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return "cus_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  String adminKey() {
    return keys.get(ADMIN);
  }

  Optional<String> orgKey() {
    return Optional.ofNullable(keys.get(ORG));
  }

  void orgKey(String key) throws IOException {
    keys.put(ORG, key);
    save();
  }

  Path file() {
    return file;
  }

  private void save() throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    StringBuilder text =
        new StringBuilder(
            "# API keys of custodian demo; delete the data directory to start over\n");
    keys.forEach((name, key) -> text.append(name).append('=').append(key).append('\n'));
    Path temp = dir.resolve(file.getFileName() + ".new");
    Files.deleteIfExists(temp);
    Files.createFile(
        temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, text, StandardCharsets.US_ASCII);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
