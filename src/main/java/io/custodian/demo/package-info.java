/**
 * {@code custodian demo}: the service on its embedded defaults in a data directory of its own, a
 * loopback SFTP server standing in for the customer, and synthetic calls and messages, so that
 * every flow can be seen in a minute. It uses the service only through its HTTP API, as a customer
 * would.
 */
@NullMarked
package io.custodian.demo;

import org.jspecify.annotations.NullMarked;
