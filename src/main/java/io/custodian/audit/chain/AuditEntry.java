package io.custodian.audit.chain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit trail as stored.
 *
 * @param seq position in the chain, from 1 without gaps
 * @param prevHash the entry hash of the entry before, or {@link ChainHash#GENESIS} for the first
 * @param entryHash {@link ChainHash#of} over every other field
 */
public record AuditEntry(
    long seq,
    Instant recordedAt,
    String actor,
    String action,
    @Nullable String orgId,
    @Nullable String subject,
    String outcome,
    String detail,
    byte[] prevHash,
    byte[] entryHash) {}
