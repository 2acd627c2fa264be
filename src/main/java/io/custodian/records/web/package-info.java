/** Reading records: metadata and verified content, every read audited. */
@NullMarked
package io.custodian.records.web;

import org.jspecify.annotations.NullMarked;
