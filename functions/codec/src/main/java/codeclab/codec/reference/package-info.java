/**
 * Reference codecs, the planners' seeds. Each is one self-contained source file that uses only the codec
 * API, the toolkit and java.lang/java.util, and compiles unchanged under {@code package candidate;}.
 */
package codeclab.codec.reference;
