package dev.mailgate.contacts;

/**
 * What is wrong with one property of a request.
 *
 * @param field the property's JSON name, such as {@code email} or {@code fields.birthday}
 */
public record FieldError(String field, String detail) {
}
