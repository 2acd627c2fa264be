package io.custodian.audit;

import io.custodian.audit.chain.AuditEntry;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Lists stored entries for administrators, oldest first, resuming after a sequence number. */
@Service
public class AuditEntries {

  private final AuditLog log;

  AuditEntries(AuditLog log) {
    this.log = log;
  }

  /** At most {@code limit} entries after {@code afterSeq}, optionally of one organisation. */
  public List<View> list(long afterSeq, @Nullable String orgId, int limit) {
    HexFormat hex = HexFormat.of();
    return log.page(afterSeq, orgId, limit).stream()
        .map(
            (AuditEntry e) ->
                new View(
                    e.seq(),
                    e.recordedAt(),
                    e.actor(),
                    e.action(),
                    e.orgId(),
                    e.subject(),
                    e.outcome(),
                    e.detail(),
                    hex.formatHex(e.prevHash()),
                    hex.formatHex(e.entryHash())))
        .toList();
  }

  /** One entry as the API shows it, hashes in lower-case hex. */
  public record View(
      long seq,
      Instant recordedAt,
      String actor,
      String action,
      @Nullable String orgId,
      @Nullable String subject,
      String outcome,
      String detail,
      String prevHash,
      String entryHash) {}
}
