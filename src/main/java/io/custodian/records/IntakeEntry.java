package io.custodian.records;

import java.util.UUID;

/**
 * A record as an offload batch freezes it: its id, its intake sequence number and the SHA-256 of
 * its content (a recording's audio, a message's body) as stored, in hex.
 */
public record IntakeEntry(UUID id, long intakeSeq, String contentSha256) {}
