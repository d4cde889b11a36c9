package dev.purista.core.validation;

import java.util.List;

/**
 * One validation problem, as PURISTA reports it in the {@code data} of a 400 error.
 *
 * @param path where in the value, e.g. {@code ["email"]} or {@code ["items", 0, "name"]}
 * @param code what kind of problem: the constraint name (e.g. {@code NotBlank}, {@code Email}) or
 * {@code invalid_type} when the JSON does not fit the type
 * @param message a human-readable message
 */
public record ValidationIssue(List<Object> path, String code, String message) {

	public ValidationIssue {
		path = List.copyOf(path);
	}

}
