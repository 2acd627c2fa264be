/**
 * The audit trail: every intake, read, key use, administrative change and denial is appended to one
 * hash-chained, append-only log that {@code custodian audit verify} recomputes.
 */
@NullMarked
package io.custodian.audit;

import org.jspecify.annotations.NullMarked;
