# Builds the phaseflow jar and runs it: `docker compose up` uses this for the engine, the handlers
# and the demo. Java 17, as the project.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY handlers/pom.xml handlers/
COPY samples/pom.xml samples/
COPY engine/pom.xml engine/
COPY bench/pom.xml bench/
COPY cli/pom.xml cli/
RUN mvn -B -q -pl cli -am dependency:go-offline -DskipTests || true
COPY handlers handlers
COPY samples samples
COPY engine engine
COPY bench bench
COPY cli cli
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/cli/target/phaseflow.jar /app/phaseflow.jar
COPY definitions /app/definitions
ENTRYPOINT ["java", "-jar", "/app/phaseflow.jar"]
