/** What every HTTP-facing module shares: the stable error codes and their RFC 9457 rendering. */
@NullMarked
package io.custodian.web;

import org.jspecify.annotations.NullMarked;
