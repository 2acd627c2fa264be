/** Admin endpoints that issue, list and revoke API keys. */
@NullMarked
package io.custodian.identity.web;

import org.jspecify.annotations.NullMarked;
