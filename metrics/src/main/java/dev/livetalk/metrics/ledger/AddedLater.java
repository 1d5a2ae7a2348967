package dev.livetalk.metrics.ledger;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a ledger row that a ledger of an earlier livetalk does not have: a row
 * without it is read with its absent value ({@code null}, {@code false}, 0, an empty list).
 * Every other field of a row is required, as {@code ledger.schema.json} says: a row without it
 * is refused when read, naming the table's file, the line and the field ({@link LedgerFiles}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface AddedLater {
}
