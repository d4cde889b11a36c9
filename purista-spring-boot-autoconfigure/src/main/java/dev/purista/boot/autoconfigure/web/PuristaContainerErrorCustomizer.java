package dev.purista.boot.autoconfigure.web;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replaces the error report valve of the embedded Tomcat's host by a {@link PuristaErrorReportValve}, so that
 * requests below the PURISTA base path that Tomcat rejects before any application code runs are answered with
 * PURISTA's JSON error body. It runs after Spring Boot's {@code TomcatWebServerFactoryCustomizer} (order 0), which
 * adds the valve it replaces when {@code server.error.include-stacktrace=never} (the default); the replacement keeps
 * that valve's {@code showReport} and {@code showServerInfo} for other paths, and becomes the host's error report
 * valve class so that Tomcat does not add its default one next to it.
 */
final class PuristaContainerErrorCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	/** The order: right after Spring Boot's {@code TomcatWebServerFactoryCustomizer} (order 0). */
	static final int ORDER = 1;

	private final String basePath;

	private final JsonMapper mapper;

	PuristaContainerErrorCustomizer(String basePath, JsonMapper mapper) {
		this.basePath = basePath;
		this.mapper = mapper;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			PuristaErrorReportValve valve = new PuristaErrorReportValve(context, this.basePath, this.mapper);
			Pipeline pipeline = host.getPipeline();
			for (Valve existing : pipeline.getValves()) {
				if (existing instanceof ErrorReportValve replaced) {
					valve.setShowReport(replaced.isShowReport());
					valve.setShowServerInfo(replaced.isShowServerInfo());
					pipeline.removeValve(existing);
				}
			}
			pipeline.addValve(valve);
			if (host instanceof StandardHost standardHost) {
				standardHost.setErrorReportValveClass(PuristaErrorReportValve.class.getName());
			}
		});
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
