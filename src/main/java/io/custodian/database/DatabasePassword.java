package io.custodian.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** The embedded database's superuser password: random, created once, readable by the owner. */
final class DatabasePassword {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{32,128}");
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private DatabasePassword() {}

  static String loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      create(file);
    }
    String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
    if (!FORMAT.matcher(password).matches()) {
      throw new IOException("The database password file " + file + " is malformed");
    }
    return password;
  }

  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    Path temp = dir.resolve(file.getFileName() + ".new");
    Files.deleteIfExists(temp);
    Files.createFile(
        temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.write(
          java.nio.ByteBuffer.wrap(password.toString().getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(temp);
    }
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }
}
