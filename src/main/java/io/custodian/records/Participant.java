package io.custodian.records;

import org.jspecify.annotations.Nullable;

/**
 * A party to a call.
 *
 * @param role the party's role, such as {@code caller}, {@code callee} or {@code recorded}
 * @param number an E.164 number, such as {@code +442071234567}
 * @param userId the employee's id in the customer's directory
 * @param displayName the name shown for the party; free text
 * @param jurisdiction where the party was, as ISO 3166 ({@code GB}, {@code US-CA})
 */
public record Participant(
    String role,
    @Nullable String number,
    @Nullable String userId,
    @Nullable String displayName,
    @Nullable String jurisdiction) {}
