# The edge sample (README, "Edge"): Boot's extracted jar layout, Spring AOT and a CDS archive trained at build
# time, -Xmx64m. Build the jar first: ./mvnw -pl sample-edge -am -DskipTests package
# Built by docker-compose.yml (profile "edge") with the repository root as context.
FROM eclipse-temurin:17-jre AS builder
WORKDIR /builder
COPY sample-edge/target/sample-edge.jar sample-edge.jar
RUN java -Djarmode=tools -jar sample-edge.jar extract --destination extracted

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=builder /builder/extracted/ ./
# CDS training run: the context is refreshed (no broker or sidecar is contacted before the lifecycle starts) and
# the JVM exits, writing the loaded classes to app.jsa
RUN java -Dspring.aot.enabled=true -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh \
	-jar sample-edge.jar --spring.profiles.active=edge
# health on the JDK's HTTP server (no servlet container): GET /actuator/health, /actuator/health/readiness
EXPOSE 8080
ENTRYPOINT ["java", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", \
	"-XX:ReservedCodeCacheSize=32m", "-Dspring.aot.enabled=true", "-XX:SharedArchiveFile=app.jsa", \
	"-jar", "sample-edge.jar", "--spring.profiles.active=edge"]
