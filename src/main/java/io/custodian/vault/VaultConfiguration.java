package io.custodian.vault;

import io.custodian.vault.internal.BlobFiles;
import io.custodian.vault.internal.KeyEncryptionKey;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The vault's key and blob layout, set up at start from {@link VaultSettings}. */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

  @Bean
  KeyEncryptionKey keyEncryptionKey(VaultSettings settings) throws IOException {
    return KeyEncryptionKey.loadOrCreate(settings.keysetFile());
  }

  @Bean
  BlobFiles blobFiles(VaultSettings settings) throws IOException {
    return new BlobFiles(settings.blobDirectory());
  }
}
