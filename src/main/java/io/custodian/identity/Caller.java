package io.custodian.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller of one request: an organisation's key or an admin key.
 *
 * @param keyId the API key's id
 * @param orgId the organisation the key belongs to; null for admin keys
 */
public record Caller(UUID keyId, @Nullable String orgId) {

  static final String ATTRIBUTE = Caller.class.getName();

  /** Whether this is an admin key (manages tenants and keys, reads no content). */
  public boolean admin() {
    return orgId == null;
  }

  /** The actor name written to the audit trail. */
  public String actor() {
    return "key:" + keyId;
  }

  /** The caller the identity filter attached to this request. */
  public static Caller of(HttpServletRequest request) {
    Object caller = request.getAttribute(ATTRIBUTE);
    if (caller instanceof Caller c) {
      return c;
    }
    throw new IllegalStateException("No authenticated caller on " + request.getRequestURI());
  }
}
