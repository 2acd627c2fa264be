/**
 * Operating Custodian: the administrative commands of the launcher and the service's operational
 * wiring (clock, metrics exposure).
 */
@NullMarked
package io.custodian.ops;

import org.jspecify.annotations.NullMarked;
