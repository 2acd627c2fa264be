/** Endpoints that create and show organisations and sub-organisations. */
@NullMarked
package io.custodian.tenancy.web;

import org.jspecify.annotations.NullMarked;
