/**
 * Compliance: the rules that decide what may happen to stored content. Its {@link
 * io.custodian.compliance.WipeGate} is the one place that decides whether a record's content may be
 * destroyed; {@link io.custodian.compliance.Purges} is the only way content is destroyed.
 */
@NullMarked
package io.custodian.compliance;

import org.jspecify.annotations.NullMarked;
