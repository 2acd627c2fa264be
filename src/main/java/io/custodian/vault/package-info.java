/**
 * The vault: content encrypted at rest with one data key per object (streaming AEAD, AES-256-GCM),
 * the data key wrapped by the key-encryption key, the plaintext's SHA-256 checked on every read,
 * blobs written durably (temporary file, fsync, atomic rename, fsync directory).
 */
@NullMarked
package io.custodian.vault;

import org.jspecify.annotations.NullMarked;
