/** The chain's canonical encoding and its verification, free of any framework. */
@NullMarked
package io.custodian.audit.chain;

import org.jspecify.annotations.NullMarked;
