/**
 * SMTP delivery with Jakarta Mail (Angus): each message record written as one RFC 5322 message
 * whose headers no input can break ({@link io.custodian.offload.smtp.EmlWriter}), and a connection
 * that sends several of them and tells delivered, deferred and rejected apart ({@link
 * io.custodian.offload.smtp.SmtpConnector}). Plain classes, no Spring, like the SFTP primitives.
 */
@NullMarked
package io.custodian.offload.smtp;

import org.jspecify.annotations.NullMarked;
