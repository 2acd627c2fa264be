/**
 * The offload file formats (CSV, manifest, batch and file names), pure JDK code so that what a
 * customer's integrator builds against can be tested without a server.
 */
@NullMarked
package io.custodian.offload.format;

import org.jspecify.annotations.NullMarked;
