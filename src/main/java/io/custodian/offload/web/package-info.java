/** Admin endpoints for offload destinations, batches and runs. */
@NullMarked
package io.custodian.offload.web;

import org.jspecify.annotations.NullMarked;
