/** SFTP delivery with Apache MINA SSHD: pinned host keys, temporary names, fsync, rename. */
@NullMarked
package io.custodian.offload.sftp;

import org.jspecify.annotations.NullMarked;
