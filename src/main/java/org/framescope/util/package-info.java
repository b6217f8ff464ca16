/** Small helpers shared by every room of the library: the root exception types, atomic file writes, hashing, progress. */
package org.framescope.util;
