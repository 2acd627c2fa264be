package io.custodian.vault.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local key-encryption key: a Tink AES-256-GCM keyset in a file readable by the owner only,
 * created at first start. It wraps every object's data key; KMS-held keys can take its place behind
 * the same {@link Aead}.
 */
public final class KeyEncryptionKey {

  private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  static {
    try {
      AeadConfig.register();
      StreamingAeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Aead aead;
  private final String id;

  private KeyEncryptionKey(KeysetHandle handle) throws GeneralSecurityException {
    this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    this.id = "local:" + Integer.toUnsignedString(handle.getPrimary().getId());
  }

  /** Loads the keyset file, creating it (mode 0600, written durably) when absent. */
  public static KeyEncryptionKey loadOrCreate(Path file) throws IOException {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        log.warn(
            "The keyset {} is readable by others ({}); it should be 0600",
            file,
            PosixFilePermissions.toString(permissions));
      }
      String json = Files.readString(file, StandardCharsets.UTF_8);
      return new KeyEncryptionKey(
          TinkJsonProtoKeysetFormat.parseKeyset(
              json, RegistryConfiguration.get(), InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot read the keyset " + file, e);
    }
  }

  private static void create(Path file) throws IOException, GeneralSecurityException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    KeysetHandle handle =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
    String json =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            handle, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
    Path temp = dir.resolve(file.getFileName() + ".new");
    Files.deleteIfExists(temp);
    Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    DurableFiles.write(temp, json.getBytes(StandardCharsets.UTF_8));
    try {
      DurableFiles.publish(temp, file);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(temp);
      return;
    }
    log.info("Created the key-encryption keyset {}", file);
  }

  /** Encrypts a data key, bound to its object by the associated data. */
  public byte[] wrap(byte[] dataKey, byte[] associatedData) throws GeneralSecurityException {
    return aead.encrypt(dataKey, associatedData);
  }

  /** The key-encryption AEAD, for Tink's encrypted keyset format. */
  public Aead aead() {
    return aead;
  }

  /** Names this key in each object's record, so that rotation can find what it wrapped. */
  public String id() {
    return id;
  }
}
