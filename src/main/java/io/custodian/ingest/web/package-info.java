/** The intake endpoints: streaming multipart for calls, bounded JSON for messages. */
@NullMarked
package io.custodian.ingest.web;

import org.jspecify.annotations.NullMarked;
