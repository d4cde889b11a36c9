# The microservice sample's fat jar, one image for every service (sample.services picks what a container runs).
# Build the jar first: ./mvnw -pl sample-microservice -am -DskipTests package
# Built by docker-compose.yml (profile "microservices") with the repository root as context.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY sample-microservice/target/sample-microservice.jar app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
