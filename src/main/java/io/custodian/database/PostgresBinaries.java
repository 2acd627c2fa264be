package io.custodian.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries that Maven Central ships for this platform, unpacked once into a
 * directory named by the archive's digest and shared by every process on the machine.
 */
final class PostgresBinaries {

  private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

  private PostgresBinaries() {}

  /** The unpacked installation ({@code bin/}, {@code lib/}, {@code share/}). */
  static Path install() throws IOException {
    byte[] archive = archive();
    String digest = HexFormat.of().formatHex(sha256(archive)).substring(0, 16);
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "custodian-postgres");
    Path home = root.resolve(digest);
    if (Files.isExecutable(home.resolve("bin/postgres"))) {
      return home;
    }
    Files.createDirectories(root);
    Path staging = Files.createTempDirectory(root, digest + ".unpacking-");
    try {
      unpack(archive, staging);
      Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      log.info("Unpacked PostgreSQL into {}", home);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // another process unpacked the same archive first; its copy is as good as ours
    } finally {
      deleteTree(staging);
    }
    return home;
  }

  private static byte[] archive() throws IOException {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      throw new IOException("The embedded PostgreSQL runs on Linux; configure spring.datasource.*");
    }
    String arch = System.getProperty("os.arch");
    try (InputStream in =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(
            "Linux", "amd64".equals(arch) ? "x86_64" : arch)) {
      if (in == null) {
        throw new IOException("No PostgreSQL binaries on the class path for Linux " + arch);
      }
      return in.readAllBytes();
    }
  }

  private static void unpack(byte[] archive, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new XZInputStream(
                new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          if (entry.getName().startsWith("bin/") || entry.getName().startsWith("./bin/")) {
            path.toFile().setExecutable(true, false);
          }
        }
      }
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
