package io.custodian.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller of one request: an organisation's key, a sub-organisation's key or an
 * admin key.
 *
 * @param keyId the API key's id
 * @param orgId the (main) organisation the key belongs to; null for admin keys
 * @param subOrg the sub-organisation the key is limited to; null for a key of the whole
 *     organisation and for admin keys
 */
public record Caller(UUID keyId, @Nullable String orgId, @Nullable String subOrg) {

  static final String ATTRIBUTE = Caller.class.getName();

  /** Whether this is an admin key (manages tenants and keys, reads no content). */
  public boolean admin() {
    return orgId == null;
  }

  /**
   * Whether the key may see a record of this sub-organisation (null: the main organisation's own):
   * an organisation key sees all of its organisation's records, a sub-organisation key only its
   * sub-organisation's.
   */
  public boolean sees(@Nullable String recordSubOrg) {
    return subOrg == null || subOrg.equals(recordSubOrg);
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
