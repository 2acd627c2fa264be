package io.custodian.offload.smtp;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The queue id a server names in its 250 reply to the end of data, in the forms the common servers
 * use: {@code queued as 4F1B32C0A1} (Postfix and many others), {@code id=1rAbCd-000Abc-2x} (Exim),
 * {@code InternalId=123456} (Exchange, Microsoft 365), {@code 2.0.0 5ALNUA0u012345 Message
 * accepted} (Sendmail), {@code OK 1700000000 abc.123 - gsmtp} (Gmail). Anything else gives none;
 * the whole reply is kept either way.
 */
final class QueueIds {

  private static final String ID = "([A-Za-z0-9][A-Za-z0-9._-]{0,63})";
  private static final List<Pattern> FORMS =
      List.of(
          Pattern.compile("(?i)\\bqueued as " + ID),
          Pattern.compile("(?i)\\bid=" + ID),
          Pattern.compile("\\bInternalId=([0-9]{1,20})"),
          Pattern.compile(
              "^250[ -](?:[0-9]\\.[0-9]{1,3}\\.[0-9]{1,3} )?" + ID + " Message accepted"),
          Pattern.compile("\\bOK +[0-9]+ " + ID + " - gsmtp"));

  private QueueIds() {}

  static @Nullable String parse(String reply) {
    for (Pattern form : FORMS) {
      Matcher matcher = form.matcher(reply);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    return null;
  }
}
