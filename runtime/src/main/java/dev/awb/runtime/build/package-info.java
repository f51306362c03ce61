/** What the running distribution was built from: its version and code revision. */
package dev.awb.runtime.build;
