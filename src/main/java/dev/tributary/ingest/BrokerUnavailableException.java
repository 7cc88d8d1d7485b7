package dev.tributary.ingest;

/** The broker could not make the events durable; the caller should retry later. */
class BrokerUnavailableException extends IntakeUnavailableException {

    BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
