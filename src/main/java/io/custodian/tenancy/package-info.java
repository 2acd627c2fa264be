/**
 * Tenants: main organisations, each with its own sub-organisations. Every record belongs to a main
 * organisation and optionally to one of its sub-organisations.
 */
@NullMarked
package io.custodian.tenancy;

import org.jspecify.annotations.NullMarked;
