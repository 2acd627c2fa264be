package io.custodian.offload.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.BuiltinKEM;
import org.apache.sshd.common.kex.KeyEncapsulationMethod;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** The key pair made ahead agrees with MINA's server side, and no pair serves twice. */
class PreparedSntrup761Test {

  @Test
  void theClientAndMinasServerAgreeOnTheSecret() {
    for (int i = 0; i < 3; i++) {
      KeyEncapsulationMethod.Client client = PreparedSntrup761.INSTANCE.getClient();
      client.init();
      KeyEncapsulationMethod.Server server = BuiltinKEM.sntrup761.getServer();
      assertThat(client.getPublicKey()).hasSize(server.getPublicKeyLength());

      server.init(client.getPublicKey());

      assertThat(client.getEncapsulationLength()).isEqualTo(server.getEncapsulation().length);
      assertThat(client.extractSecret(server.getEncapsulation())).isEqualTo(server.getSecret());
    }
  }

  @Test
  void everyKeyExchangeGetsAKeyPairOfItsOwn() {
    Set<String> publicKeys = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      KeyEncapsulationMethod.Client client = PreparedSntrup761.INSTANCE.getClient();
      client.init();
      publicKeys.add(Hex.toHexString(client.getPublicKey()));
    }
    assertThat(publicKeys).hasSize(4);
  }

  @Test
  void anEncapsulationOfTheWrongLengthIsRefused() {
    KeyEncapsulationMethod.Client client = PreparedSntrup761.INSTANCE.getClient();
    client.init();

    assertThatThrownBy(() -> client.extractSecret(new byte[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrong length");
  }

  @Test
  void theyStandInForMinasOwnUnderTheSameNames() {
    assertThat(SftpConnector.KEY_EXCHANGES)
        .containsAll(PreparedSntrup761.FACTORIES)
        .doesNotContain(
            BuiltinDHFactories.sntrup761x25519, BuiltinDHFactories.sntrup761x25519_openssh);
    assertThat(PreparedSntrup761.FACTORIES)
        .extracting(f -> f.getName())
        .containsExactly("sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com");
    assertThat(SftpConnector.KEY_EXCHANGES.get(0)).isEqualTo(BuiltinDHFactories.mlkem768x25519);
  }
}
