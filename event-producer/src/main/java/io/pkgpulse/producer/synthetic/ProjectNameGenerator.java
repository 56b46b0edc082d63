package io.pkgpulse.producer.synthetic;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Plausible names for the long tail ({@code flask-widget-3921}, {@code py_async_cache},
 * {@code Acme.Metrics}, {@code jaraco.retry}), all valid under PEP 508, in the mix of
 * styles PyPI has: dashes, underscores, dots and mixed case, so that normalisation is
 * exercised by most of the stream and not just a few names.
 */
final class ProjectNameGenerator {

    private static final List<String> PREFIXES = List.of("py", "django", "flask", "pytest", "sphinx", "aio", "types",
            "azure", "google-cloud", "jupyter", "mkdocs", "fast", "open", "data", "ml", "torch", "sci", "async",
            "simple", "easy", "super", "micro", "tiny", "ansible", "airflow", "dbt", "streamlit", "napari", "odoo",
            "plone", "collective", "ckanext", "tap", "target", "langchain", "pulumi", "aws-cdk", "mypy", "hatch",
            "poetry", "nox", "tox", "pyramid", "celery", "starlette", "llama-index", "opentelemetry");

    private static final List<String> WORDS = List.of("async", "cache", "widget", "json", "yaml", "toml", "config",
            "http", "client", "server", "auth", "utils", "tools", "parser", "logger", "schema", "graph", "stream",
            "queue", "crypto", "image", "text", "geo", "time", "retry", "plugin", "rest", "api", "cli", "db", "sql",
            "orm", "mock", "test", "lint", "format", "metrics", "trace", "secrets", "vault", "storage", "s3", "kafka",
            "redis", "mongo", "pdf", "csv", "excel", "html", "markdown", "template", "router", "worker", "scheduler",
            "events", "signals", "forms", "admin", "search", "vector", "embed", "model", "tensor", "array", "frame",
            "plot", "chart", "audio", "video", "serial", "usb", "mqtt", "grpc", "proto", "socket", "ssh", "dns", "ldap",
            "oauth", "jwt", "hash", "uuid", "color", "emoji", "i18n", "locale", "money", "units", "math", "stats",
            "fuzzy", "diff", "sync", "backup", "deploy", "docker", "k8s", "helm", "terraform", "lambda", "dynamo",
            "bigquery", "snowflake", "spark", "arrow", "parquet", "avro", "notify", "mail", "sms", "webhook", "session",
            "rate", "limit", "pool", "proxy", "tunnel", "shell", "env", "dotenv", "paths");

    private static final List<String> NAMESPACES = List.of("jaraco", "backports", "zope", "collective", "plone",
            "repoze", "zc", "sphinxcontrib", "ruamel", "acme", "ftw", "five");

    private final SplittableRandom random;

    ProjectNameGenerator(SplittableRandom random) {
        this.random = random;
    }

    /** A new name; may repeat an earlier one, which the caller resolves. */
    String next() {
        String prefix = pick(PREFIXES);
        String word = pick(WORDS);
        String other = pick(WORDS);
        int style = random.nextInt(100);
        if (style < 20) {
            return prefix + "-" + word;
        }
        if (style < 35) {
            return prefix + "-" + word + "-" + other;
        }
        if (style < 43) {
            return (prefix + "_" + word + "_" + other).replace('-', '_');
        }
        if (style < 53) {
            return prefix + "-" + word + "-" + (10 + random.nextInt(9990));
        }
        if (style < 59) {
            return capitalize(pick(NAMESPACES)) + "." + capitalize(word);
        }
        if (style < 65) {
            return pick(NAMESPACES) + "." + word;
        }
        if (style < 71) {
            return capitalize(prefix.replace("-", "")) + capitalize(word) + capitalize(other);
        }
        if (style < 81) {
            return prefix.replace("-", "") + word;
        }
        if (style < 88) {
            return word + other;
        }
        return word + "-" + other;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String capitalize(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

}
