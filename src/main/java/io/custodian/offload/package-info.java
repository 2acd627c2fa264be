/**
 * Offload: permanent copies delivered to the customer's own archive. This first part holds the SFTP
 * transfer primitive; batches, schedules and destinations build on it.
 */
@NullMarked
package io.custodian.offload;

import org.jspecify.annotations.NullMarked;
