/** The admin API of the compliance rules: purging a record's content by hand, through the gate. */
@NullMarked
package io.custodian.compliance.web;

import org.jspecify.annotations.NullMarked;
