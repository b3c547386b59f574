package org.jdamon.record;

/** A chunk whose CRC is right but whose payload does not decode (a writer bug or a crafted file). */
public final class MalformedChunkException extends RuntimeException {
    MalformedChunkException(String message) {
        super(message);
    }
}
