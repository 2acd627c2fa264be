package io.custodian.vault.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The filesystem blob store's layout: {@code objects/<org>/<2 hex>/<object id>} for sealed blobs,
 * {@code tmp/<object id>.tmp} while one is written. Names come from the service, never from a
 * client.
 */
public final class BlobFiles {

  private final Path objects;
  private final Path temp;

  /** The layout under a root directory, created if absent. */
  public BlobFiles(Path root) throws IOException {
    if (!Files.exists(root)) {
      Files.createDirectories(
          root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    this.objects = Files.createDirectories(root.resolve("objects"));
    this.temp = Files.createDirectories(root.resolve("tmp"));
  }

  /** Where a sealed object lives. */
  public Path sealed(String orgId, UUID id) {
    String name = id.toString();
    return objects.resolve(orgId).resolve(name.substring(0, 2)).resolve(name);
  }

  /** Where an object is written before it is sealed. */
  public Path temporary(UUID id) {
    return temp.resolve(id + ".tmp");
  }

  /** The directory whose free space bounds intake. */
  public Path root() {
    return objects.getParent();
  }

  /** A blob found on disk, by object id, with its last modification time. */
  public record Found(Path path, Optional<UUID> id, Instant modified) {}

  /** Every sealed and temporary blob file. */
  public List<Found> all() throws IOException {
    List<Found> found = new ArrayList<>();
    for (Path dir : List.of(objects, temp)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          found.add(
              new Found(
                  file,
                  dir.equals(objects) ? parse(file.getFileName().toString()) : Optional.empty(),
                  Files.getLastModifiedTime(file).toInstant()));
        }
      }
    }
    return found;
  }

  private static Optional<UUID> parse(String name) {
    try {
      return Optional.of(UUID.fromString(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
