/** The administrators' view of the audit trail: entries and chain verification. */
@NullMarked
package io.custodian.audit.web;

import org.jspecify.annotations.NullMarked;
