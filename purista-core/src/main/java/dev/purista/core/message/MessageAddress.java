package dev.purista.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A PURISTA address ({@code EBMessageAddress}): a service function, optionally one instance of it.
 *
 * @param serviceName the service name
 * @param serviceVersion the service version, a plain integer string such as {@code "1"}
 * @param serviceTarget the command, subscription or stream name ({@code ""} for service-wide info messages)
 * @param instanceId the event bridge instance id, or {@code null} to address any instance
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageAddress(String serviceName, String serviceVersion, String serviceTarget,
		@Nullable String instanceId) {

	/**
	 * Create an address without an instance id.
	 * @param serviceName the service name
	 * @param serviceVersion the service version
	 * @param serviceTarget the function name
	 * @return the address
	 */
	public static MessageAddress of(String serviceName, String serviceVersion, String serviceTarget) {
		return new MessageAddress(serviceName, serviceVersion, serviceTarget, null);
	}

	/**
	 * Return a copy of this address with the given instance id.
	 * @param instanceId the instance id
	 * @return the new address
	 */
	public MessageAddress withInstanceId(@Nullable String instanceId) {
		return new MessageAddress(this.serviceName, this.serviceVersion, this.serviceTarget, instanceId);
	}

	/**
	 * Return a copy of this address with another target.
	 * @param serviceTarget the function name
	 * @return the new address
	 */
	public MessageAddress withTarget(String serviceTarget) {
		return new MessageAddress(this.serviceName, this.serviceVersion, serviceTarget, this.instanceId);
	}

	@Override
	public String toString() {
		return this.serviceName + "@" + this.serviceVersion + ":" + this.serviceTarget
				+ ((this.instanceId != null) ? "#" + this.instanceId : "");
	}

}
