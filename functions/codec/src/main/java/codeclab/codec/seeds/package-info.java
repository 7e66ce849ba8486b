/**
 * Host-side access to the reference codecs and their source text (read from classpath resources).
 * Not for candidates: the sandbox allowlist must exclude this package.
 */
package codeclab.codec.seeds;
