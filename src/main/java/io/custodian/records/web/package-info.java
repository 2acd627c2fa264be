/**
 * Reading records over HTTP: lists of metadata in intake order behind a cursor, each record's
 * metadata, and its content verified on the way out (whole, a byte range, or as u-law); every list
 * and read audited, and each key kept to its organisation or sub-organisation.
 */
@NullMarked
package io.custodian.records.web;

import org.jspecify.annotations.NullMarked;
