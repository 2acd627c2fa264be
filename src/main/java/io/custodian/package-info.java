/**
 * Custodian: a compliance recording vault and offload service for mobile voice and messaging. Each
 * direct sub-package is one application module (package by capability).
 */
@NullMarked
package io.custodian;

import org.jspecify.annotations.NullMarked;
