/** The vault's internals: key hierarchy, blob files and verifying streams. */
@NullMarked
package io.custodian.vault.internal;

import org.jspecify.annotations.NullMarked;
