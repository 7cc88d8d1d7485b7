package dev.tributary.canonical;

/**
 * A person at a customer; phone in E.164 with its extension apart (a phone that could not be read
 * is kept as written, and the event carries a data-quality warning about it).
 */
public record Contact(String name, String title, String phone, String phoneExtension, String email) {

    public Contact(String name, String title, String phone, String email) {
        this(name, title, phone, null, email);
    }
}
