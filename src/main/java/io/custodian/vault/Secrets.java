package io.custodian.vault;

import io.custodian.vault.internal.KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.springframework.stereotype.Service;

/**
 * Encrypts small secrets kept in the database (destination passwords and private keys) with the
 * key-encryption key. The purpose is bound as associated data, so a secret sealed for one
 * destination cannot be opened as another's.
 */
@Service
public class Secrets {

  private final KeyEncryptionKey kek;

  Secrets(KeyEncryptionKey kek) {
    this.kek = kek;
  }

  /** Encrypts a secret for a purpose, such as {@code sftp:acme:voice:password}. */
  public byte[] seal(String purpose, byte[] secret) {
    try {
      return kek.aead().encrypt(secret, associatedData(purpose));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a secret", e);
    }
  }

  /** Decrypts a secret sealed for the same purpose; fails on any other purpose or change. */
  public byte[] open(String purpose, byte[] sealed) throws GeneralSecurityException {
    return kek.aead().decrypt(sealed, associatedData(purpose));
  }

  private static byte[] associatedData(String purpose) {
    return ("custodian-secret-v1|" + purpose).getBytes(StandardCharsets.UTF_8);
  }
}
