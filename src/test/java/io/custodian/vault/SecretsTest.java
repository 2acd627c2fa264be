package io.custodian.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.support.AppTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Secrets sealed with the key-encryption key open only for their own purpose. */
class SecretsTest extends AppTest {

  @Autowired Secrets secrets;

  @Test
  void aSealedSecretOpensForItsPurposeOnly() throws Exception {
    byte[] password = "s3cret-Ω".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = secrets.seal("sftp:acme:voice:password", password);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
    assertThat(secrets.open("sftp:acme:voice:password", sealed)).isEqualTo(password);
    assertThatThrownBy(() -> secrets.open("sftp:other:voice:password", sealed))
        .isInstanceOf(GeneralSecurityException.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> secrets.open("sftp:acme:voice:password", sealed))
        .isInstanceOf(GeneralSecurityException.class);
  }
}
