package dev.purista.core.validation;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;

import dev.purista.core.message.MessageCodec;

/**
 * Converts JSON payloads to their declared Java types and validates them with Jakarta Bean Validation,
 * reporting problems as {@link ValidationIssue}s. A value that does not fit the type at all (a string where an
 * object is expected) is one {@code invalid_type} issue. Thread-safe.
 */
public final class PayloadValidator {

	private final MessageCodec codec;

	private final Validator validator;

	/**
	 * Create a validator with Hibernate Validator's default configuration (no expression language needed).
	 * @param codec the codec used for conversion
	 */
	public PayloadValidator(MessageCodec codec) {
		this(codec, defaultValidator());
	}

	/**
	 * Create a validator with a given Bean Validation validator (for example the application's).
	 * @param codec the codec used for conversion
	 * @param validator the validator
	 */
	public PayloadValidator(MessageCodec codec, Validator validator) {
		this.codec = codec;
		this.validator = validator;
	}

	/**
	 * Convert a value to a type and validate it.
	 * @param value the raw value (JSON tree, map or Java object)
	 * @param type the declared type
	 * @return the converted value or the issues
	 */
	public Result convertAndValidate(@Nullable Object value, Type type) {
		JavaType javaType = this.codec.javaType(type);
		Object converted;
		try {
			converted = this.codec.convert(value, javaType);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return Result.invalid(List.of(conversionIssue(ex, javaType)));
		}
		if (converted == null) {
			if (isVoid(javaType.getRawClass()) || javaType.getRawClass() == Object.class) {
				return Result.valid(null);
			}
			return Result.invalid(List.of(new ValidationIssue(List.of(), "invalid_type",
					"Invalid input: expected " + simpleName(javaType) + ", received undefined")));
		}
		List<ValidationIssue> issues = validate(converted);
		return issues.isEmpty() ? Result.valid(converted) : Result.invalid(issues);
	}

	/**
	 * Validate a Java object.
	 * @param value the object
	 * @return the issues, empty when valid
	 */
	public List<ValidationIssue> validate(@Nullable Object value) {
		if (value == null || value instanceof tools.jackson.databind.JsonNode || value instanceof CharSequence
				|| value instanceof Number || value instanceof Boolean) {
			return List.of();
		}
		Set<ConstraintViolation<Object>> violations = this.validator.validate(value);
		if (violations.isEmpty()) {
			return List.of();
		}
		List<ValidationIssue> issues = new ArrayList<>(violations.size());
		for (ConstraintViolation<Object> violation : violations) {
			issues.add(new ValidationIssue(pathOf(violation.getPropertyPath()),
					violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(),
					violation.getMessage()));
		}
		issues.sort(Comparator.comparing((ValidationIssue issue) -> issue.path().toString())
			.thenComparing(ValidationIssue::code));
		return issues;
	}

	private static boolean isVoid(Class<?> type) {
		return type == Void.class || type == void.class;
	}

	private static ValidationIssue conversionIssue(Exception ex, JavaType type) {
		List<Object> path = new ArrayList<>();
		if (ex.getCause() instanceof DatabindException databind) {
			databind.getPath().forEach((reference) -> path.add((reference.getPropertyName() != null)
					? reference.getPropertyName() : Integer.valueOf(reference.getIndex())));
		}
		else if (ex instanceof DatabindException databind) {
			databind.getPath().forEach((reference) -> path.add((reference.getPropertyName() != null)
					? reference.getPropertyName() : Integer.valueOf(reference.getIndex())));
		}
		String expected = path.isEmpty() ? simpleName(type) : "a value of the declared type";
		return new ValidationIssue(path, "invalid_type", "Invalid input: expected " + expected);
	}

	private static String simpleName(JavaType type) {
		return type.getRawClass().getSimpleName();
	}

	private static List<Object> pathOf(Path propertyPath) {
		List<Object> path = new ArrayList<>();
		for (Path.Node node : propertyPath) {
			if (node.getIndex() != null) {
				path.add(node.getIndex());
			}
			else if (node.getKey() != null) {
				path.add(String.valueOf(node.getKey()));
			}
			if (node.getName() != null) {
				path.add(node.getName());
			}
		}
		return path;
	}

	private static Validator defaultValidator() {
		ValidatorFactory factory = Validation.byDefaultProvider()
			.configure()
			.messageInterpolator(new ParameterMessageInterpolator())
			.buildValidatorFactory();
		return factory.getValidator();
	}

	/**
	 * The outcome of {@link #convertAndValidate}.
	 *
	 * @param value the converted value (when valid)
	 * @param issues the problems (empty when valid)
	 */
	public record Result(@Nullable Object value, List<ValidationIssue> issues) {

		static Result valid(@Nullable Object value) {
			return new Result(value, List.of());
		}

		static Result invalid(List<ValidationIssue> issues) {
			return new Result(null, issues);
		}

		/**
		 * Whether the value is valid.
		 * @return {@code true} without issues
		 */
		public boolean isValid() {
			return this.issues.isEmpty();
		}

	}

}
