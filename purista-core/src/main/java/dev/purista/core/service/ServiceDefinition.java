package dev.purista.core.service;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a service is: its identity, commands, subscriptions and queue workers. Built with
 * {@link ServiceBuilder} or read from an annotated class by {@link AnnotatedServices}.
 *
 * @param info the identity
 * @param commands the commands
 * @param subscriptions the subscriptions
 * @param queueWorkers the queue workers
 */
public record ServiceDefinition(ServiceInfo info, List<CommandDefinition> commands,
		List<SubscriptionDefinition> subscriptions, List<QueueWorkerDefinition> queueWorkers) {

	public ServiceDefinition {
		commands = List.copyOf(commands);
		subscriptions = List.copyOf(subscriptions);
		queueWorkers = List.copyOf(queueWorkers);
		requireUnique(info, "command", commands.stream().map(CommandDefinition::name).toList());
		requireUnique(info, "subscription", subscriptions.stream().map(SubscriptionDefinition::name).toList());
	}

	/**
	 * Find a command by name.
	 * @param name the command name
	 * @return the command
	 */
	public Optional<CommandDefinition> command(String name) {
		return this.commands.stream().filter((command) -> command.name().equals(name)).findFirst();
	}

	private static void requireUnique(ServiceInfo info, String kind, List<String> names) {
		Set<String> seen = new HashSet<>();
		for (String name : names) {
			if (!seen.add(name)) {
				throw new IllegalArgumentException("Service " + info + " defines " + kind + " '" + name + "' twice");
			}
		}
	}

}
