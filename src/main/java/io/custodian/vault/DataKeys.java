package io.custodian.vault;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import io.custodian.vault.internal.KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Each object's own data key: a Tink streaming AEAD keyset, generated and wrapped by the
 * key-encryption key when the object is stored, unwrapped when it is read. The associated data
 * binds ciphertext and wrapped key to the organisation and object id.
 */
final class DataKeys {

  /**
   * Every new object's data key: AES-256-GCM with HKDF-SHA256, 256 KiB segments. Tink's predefined
   * 1 MiB segments made every stream, encrypting or decrypting, allocate and zero two 1 MiB
   * buffers, twice a one-minute call's size; 256 KiB keeps every segment of a recording but its
   * last above the JDK's 64 KiB bulk path for AES-GCM. Each keyset carries its own parameters, so
   * objects stored with 1 MiB segments read as before.
   */
  static final Parameters PARAMETERS = parameters();

  private final KeyEncryptionKey kek;

  DataKeys(KeyEncryptionKey kek) {
    this.kek = kek;
  }

  /** A new data key of an object, and the same key wrapped for storage. */
  record NewKey(StreamingAead aead, byte[] wrapped) {}

  NewKey generate(String orgId, UUID id, Parameters parameters) throws GeneralSecurityException {
    KeysetHandle dataKey = KeysetHandle.generateNew(parameters, RegistryConfiguration.get());
    byte[] wrapped =
        TinkProtoKeysetFormat.serializeEncryptedKeyset(
            dataKey, kek.aead(), associatedData(orgId, id), RegistryConfiguration.get());
    return new NewKey(
        dataKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class), wrapped);
  }

  /** The data key of a stored object; fails if it was wrapped for another object or key. */
  StreamingAead unwrap(StoredObject object) throws GeneralSecurityException {
    KeysetHandle dataKey =
        TinkProtoKeysetFormat.parseEncryptedKeyset(
            object.wrappedKey(),
            kek.aead(),
            associatedData(object.orgId(), object.id()),
            RegistryConfiguration.get());
    return dataKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
  }

  /** What binds an object's ciphertext and wrapped key to its organisation and id. */
  static byte[] associatedData(String orgId, UUID id) {
    return ("custodian-object-v1|" + orgId + "|" + id).getBytes(StandardCharsets.UTF_8);
  }

  String kekId() {
    return kek.id();
  }

  private static Parameters parameters() {
    try {
      return AesGcmHkdfStreamingParameters.builder()
          .setKeySizeBytes(32)
          .setDerivedAesGcmKeySizeBytes(32)
          .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
          .setCiphertextSegmentSizeBytes(256 * 1024)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
