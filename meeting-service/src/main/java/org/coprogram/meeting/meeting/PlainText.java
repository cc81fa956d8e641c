package org.coprogram.meeting.meeting;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text that ends up in files people open (the meeting's {@code calendar.ics}, exports): no control character (C0, DEL,
 * C1) and no Unicode line or paragraph separator, which could start a new property or line there. A long text
 * ({@code lineBreaks = true}) may hold line feeds, CRLF pairs and tabs; a bare carriage return is refused there too.
 * {@code null} is valid: presence is {@code @NotBlank}'s job.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    String message() default "non può contenere caratteri di controllo (a capo, tabulazioni e simili)";

    boolean lineBreaks() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, CharSequence> {

        private boolean lineBreaks;

        @Override
        public void initialize(PlainText annotation) {
            lineBreaks = annotation.lineBreaks();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || isPlain(value, lineBreaks);
        }

        static boolean isPlain(CharSequence text, boolean lineBreaks) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
                if (control && !(lineBreaks && (c == '\n' || c == '\t'
                        || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n'))) {
                    return false;
                }
            }
            return true;
        }
    }
}
