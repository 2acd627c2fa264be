/**
 * Who is calling: bearer API keys, stored hashed, scoped to one organisation or to administration,
 * revocable; and the one gate that keeps every caller inside its organisation.
 */
@NullMarked
package io.custodian.identity;

import org.jspecify.annotations.NullMarked;
