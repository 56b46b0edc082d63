# One image recipe for both applications, chosen by the MODULE build argument (docker-compose.yml sets it):
#   docker build --build-arg MODULE=ingest-worker --build-arg PORT=8081 -t pkgpulse/ingest-worker .
#   docker build --build-arg MODULE=reporting-api --build-arg PORT=8080 -t pkgpulse/reporting-api .
# Maven builds the jar, Spring Boot's jarmode splits it into layers (dependencies change rarely, the application
# often), and a JRE-only image runs it as an unprivileged user.
ARG MODULE=reporting-api

FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN test -f "$MODULE/pom.xml" || { echo "MODULE must name an application module, not '$MODULE'" >&2; exit 1; } \
 && mvn -q -B -DskipTests -pl "$MODULE" -am package \
 && java -Djarmode=tools -jar "$MODULE"/target/"$MODULE"-*.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:17-jre
ARG PORT=8080
# The worker's archive directory exists in the image, owned by the unprivileged user, so that a new named volume
# mounted on it (docker-compose.yml) starts with that owner; the API does not use it.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 pkgpulse && useradd --system --uid 10001 --gid pkgpulse pkgpulse \
 && mkdir -p /var/lib/pkgpulse/archive && chown 10001:10001 /var/lib/pkgpulse/archive
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
ENV HEALTH_PORT=${PORT}
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s CMD curl -fs "http://localhost:${HEALTH_PORT}/actuator/health" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
