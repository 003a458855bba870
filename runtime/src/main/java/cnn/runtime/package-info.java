/** What generated models link against. No third-party dependencies. */
package cnn.runtime;
