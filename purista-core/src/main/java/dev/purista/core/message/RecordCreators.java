package dev.purista.core.message;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;

/**
 * A Jackson module that creates records through their canonical constructor with a method handle prepared once.
 * <p>
 * jackson-databind 3.1 calls a constructor with several arguments through
 * {@code MethodHandle.invokeWithArguments}, which adapts the handle again on every call and contends across
 * threads: with four threads on two cores, decoding a PURISTA command took four to five times as long as on one
 * (benchmarks/README.md, "Message codec"). Every message, payload and result record is created this way on a
 * bridge's hot path. Only the call changes: Jackson still binds the properties, and a constructor's exception is
 * reported as Jackson reports it. Records whose creator is not their public constructor (a factory method, a
 * non-public class) keep Jackson's instantiator.
 */
final class RecordCreators extends JacksonModule {

	@Override
	public String getModuleName() {
		return "purista-record-creators";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public void setupModule(SetupContext context) {
		context.addValueInstantiators(new Instantiators());
	}

	private static final class Instantiators extends ValueInstantiators.Base {

		@Override
		public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescription, ValueInstantiator instantiator) {
			if (instantiator.getClass() != StdValueInstantiator.class || !instantiator.canCreateFromObjectWith()
					|| instantiator.getWithArgsCreator() == null) {
				return instantiator;
			}
			if (!(instantiator.getWithArgsCreator().getAnnotated() instanceof Constructor<?> constructor)
					|| !constructor.getDeclaringClass().isRecord()) {
				return instantiator;
			}
			MethodHandle handle = spreader(constructor);
			return (handle != null) ? new RecordInstantiator((StdValueInstantiator) instantiator, handle)
					: instantiator;
		}

		private static @Nullable MethodHandle spreader(Constructor<?> constructor) {
			if (!Modifier.isPublic(constructor.getModifiers())
					|| !Modifier.isPublic(constructor.getDeclaringClass().getModifiers())) {
				return null;
			}
			try {
				MethodHandle handle = MethodHandles.publicLookup().unreflectConstructor(constructor);
				return handle.asType(handle.type().generic())
					.asSpreader(Object[].class, constructor.getParameterCount());
			}
			catch (IllegalAccessException | RuntimeException ex) {
				return null;
			}
		}

	}

	/**
	 * Jackson's instantiator for a record, calling the constructor through a prepared spreader.
	 */
	private static final class RecordInstantiator extends StdValueInstantiator {

		private final MethodHandle constructor;

		RecordInstantiator(StdValueInstantiator source, MethodHandle constructor) {
			super(source);
			this.constructor = constructor;
		}

		@Override
		public Object createFromObjectWith(DeserializationContext context, Object[] arguments) {
			try {
				return (Object) this.constructor.invokeExact(arguments);
			}
			catch (Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				return context.handleInstantiationProblem(getValueClass(), arguments, rewrapCtorProblem(context, ex));
			}
		}

	}

}
