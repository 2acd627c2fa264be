package io.custodian.compliance;

/** The kinds of record whose content the gate rules on. */
public enum RecordKind {
  RECORDING,
  MESSAGE
}
