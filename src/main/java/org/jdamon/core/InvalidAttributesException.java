package org.jdamon.core;

/** Monitoring attributes that break one of the kernel's validation rules; the message names the rule. */
public final class InvalidAttributesException extends IllegalArgumentException {
    public InvalidAttributesException(String message) {
        super(message);
    }
}
