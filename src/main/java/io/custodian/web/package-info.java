/**
 * What every HTTP-facing module shares: the stable error codes, their RFC 9457 rendering, and the
 * OpenAPI document that describes the whole API.
 */
@NullMarked
package io.custodian.web;

import org.jspecify.annotations.NullMarked;
