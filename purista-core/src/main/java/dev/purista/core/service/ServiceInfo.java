package dev.purista.core.service;

import java.util.regex.Pattern;

/**
 * A service's identity. Names match {@code [a-zA-Z0-9-_]+} and versions are plain integers, as PURISTA's
 * {@code ServiceInfoValidator} requires.
 *
 * @param name the service name
 * @param version the service version, e.g. {@code "1"}
 * @param description a description
 */
public record ServiceInfo(String name, String version, String description) {

	private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9-_]+$");

	private static final Pattern VERSION = Pattern.compile("^\\d+$");

	public ServiceInfo {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"Service name '" + name + "' is invalid: use letters, digits, '-' and '_' only, e.g. 'User'");
		}
		if (version == null || !VERSION.matcher(version).matches()) {
			throw new IllegalArgumentException("Service version '" + version + "' of service '" + name
					+ "' is invalid: use a plain integer such as '1'");
		}
		description = (description != null) ? description : "";
	}

	@Override
	public String toString() {
		return this.name + " v" + this.version;
	}

}
