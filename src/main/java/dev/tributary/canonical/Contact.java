package dev.tributary.canonical;

/** A person at a customer; phone in E.164. */
public record Contact(String name, String title, String phone, String email) {
}
