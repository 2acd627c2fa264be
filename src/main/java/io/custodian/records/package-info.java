/**
 * Records: the metadata of every call recording and message, in PostgreSQL, each with its
 * organisation's intake sequence number (by which offload batches are cut and lists are paged), and
 * who took part in it, for listing by participant.
 */
@NullMarked
package io.custodian.records;

import org.jspecify.annotations.NullMarked;
