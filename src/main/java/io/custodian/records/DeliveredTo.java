package io.custodian.records;

/**
 * A destination whose first delivery of each record the records keep, so that a list can be
 * filtered by it and every record's metadata says where it has reached. The offload decides what
 * counts as delivered and tells the records in its own transaction; its batches stay the evidence
 * the purge gate reads.
 */
public enum DeliveredTo {
  /** The record's voice or messages batch verified on the customer's SFTP server. */
  SFTP("sftp_delivered_at"),
  /** The message accepted (250) by the journaling mailbox's SMTP server; messages only. */
  MAIL("mail_delivered_at"),
  /** The record acknowledged by the customer over the API. */
  API("acknowledged_at");

  private final String column;

  DeliveredTo(String column) {
    this.column = column;
  }

  String column() {
    return column;
  }
}
