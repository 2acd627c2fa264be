package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every participant gets a valid address of its own; numbers read as themselves. */
class ParticipantAddressesTest {

  private final ParticipantAddresses addresses = new ParticipantAddresses("sms.example.com");

  @Test
  void numbersAndPlainIdsAreTheLocalPart() {
    assertThat(addresses.address("+15551234567")).isEqualTo("+15551234567@sms.example.com");
    assertThat(addresses.address("wa_id-42")).isEqualTo("wa_id-42@sms.example.com");
  }

  @Test
  void anyOtherIdGetsAReadablePartAndAHash() throws Exception {
    String address = addresses.address("group:desk-7");
    assertThat(address).matches("group-desk-7\\.[0-9a-f]{12}@sms\\.example\\.com");
    new InternetAddress(address, true).validate();
  }

  @Test
  void everyHostileIdGivesAValidDistinctAddress() throws Exception {
    Set<String> seen = new HashSet<>();
    List<String> ids =
        List.of("a:b", "a;b", "a b", "a.b", "", "😀", "😀😀", "שלום", "x".repeat(10_000), "+1\r\n");
    for (String id : ids) {
      String address = addresses.address(id);
      assertThat(seen.add(address)).as(id).isTrue();
      assertThat(address.substring(0, address.indexOf('@')).length()).isLessThanOrEqualTo(64);
      new InternetAddress(address, true).validate();
      assertThat(ParticipantAddresses.requireAddress(address)).isEqualTo(address);
    }
    for (String id : Messages.HOSTILE) {
      new InternetAddress(addresses.address(id), true).validate();
    }
  }

  @Test
  void knownParticipantsGetTheirMailbox() {
    ParticipantAddresses directory =
        new ParticipantAddresses(
            "sms.example.com", Map.of("+447700900123", "ann.lee@acme.example"));
    assertThat(directory.address("+447700900123")).isEqualTo("ann.lee@acme.example");
    assertThat(directory.address("+447700900456")).isEqualTo("+447700900456@sms.example.com");
  }

  @Test
  void onlyPlainDomainsAndMailboxesAreTaken() {
    for (String domain :
        List.of("", "a..b", "-a.example", "a.example\r\nBcc: x", "bücher.example")) {
      assertThatThrownBy(() -> new ParticipantAddresses(domain))
          .isInstanceOf(IllegalArgumentException.class);
    }
    for (String mailbox :
        List.of(
            "a@b\r\nBcc: c@d", "Ann <a@b.example>", "\"a b\"@b.example", "a@", "@b", "a(x)@b")) {
      assertThatThrownBy(() -> new ParticipantAddresses("sms.example.com", Map.of("+1", mailbox)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
