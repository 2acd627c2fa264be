package io.custodian.vault.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The durable-write steps: fsync a file, rename it atomically, fsync its directory. */
public final class DurableFiles {

  private DurableFiles() {}

  /** Writes bytes to an existing file and fsyncs it. */
  public static void write(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * Moves a complete, fsynced temporary file under its final name, refusing to replace one, and
   * fsyncs the directory so that the name survives a crash.
   */
  public static void publish(Path temp, Path target) throws IOException {
    createDirectories(target.getParent());
    if (Files.exists(target)) {
      throw new java.nio.file.FileAlreadyExistsException(target.toString());
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.getParent());
  }

  /** Creates a directory and any missing parents, fsyncing each parent that gained a name. */
  public static void createDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Path parent = directory.toAbsolutePath().getParent();
    createDirectories(parent);
    try {
      Files.createDirectory(directory);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return; // created by a concurrent writer, who syncs its parent
    }
    syncDirectory(parent);
  }

  /** Fsyncs a directory, making the names it holds durable. */
  public static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
