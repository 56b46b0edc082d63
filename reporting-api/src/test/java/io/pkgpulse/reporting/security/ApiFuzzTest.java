package io.pkgpulse.reporting.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.RollupSeed;
import io.pkgpulse.reporting.accounts.AccountsFixture;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * Malformed requests to every operation of the OpenAPI document (and the dashboard's
 * package page, which the document leaves out), over real HTTP so that Tomcat parses them
 * as it parses a client's: odd path variables, query parameters and headers, and broken
 * bodies, each sent anonymously and by a signed-in caller (API key, or session with its
 * CSRF token). The cases are derived from a fixed seed, so every run sends the same
 * requests.
 * <p>
 * Whatever is sent, the answer is never a 5xx and never holds a stack trace, and every
 * 4xx is an RFC 9457 problem ({@code application/problem+json} with {@code status} and
 * {@code title}). That includes what Tomcat refuses before the application sees it (a bad
 * {@code %} escape, an encoded {@code /} or NUL in the path, headers over the size
 * limit): the application replaces Tomcat's HTML error report with a problem
 * ({@code ProblemErrorReportValve}). The one exception is the HTML dashboard, whose pages
 * may answer a 4xx with an HTML error page.
 * <p>
 * {@link HttpClient} sends every request whose URL {@link URI} accepts; the few that it
 * refuses ({@code %ZZ}, raw non-ASCII) go over a plain socket, byte for byte.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pkgpulse.ratelimit.enabled=false")
@Import(TestInfrastructure.class)
@TestInstance(Lifecycle.PER_CLASS)
class ApiFuzzTest {

    static final long SEED = 20261122L;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String LONG = "a".repeat(10_000);
    static final List<String> STACK_TRACE_MARKERS = List.of("at io.", "at org.", "Exception:", "java.lang");

    /**
     * Path variable values, as they appear in the URL (already percent-encoded where that
     * is the point).
     */
    static final List<String> PATH_VALUES = List.of("", LONG, "..", "../x", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%00",
            "a%00b", "a%2Fb", "a%5Cb", "a;b", ";jsessionid=1", "%ZZ", "a%G1", "%E2%98%83%C3%BC%E6%BC%A2",
            "\u2603\u00fc", "%C0%AE", "%FF", "'%20OR%201=1--", "x'%3B%20DROP%20TABLE%20packages%3B--", "-1", "0",
            "99999999999999999999", "1e309", "%20", "a%0Ab", "__all__");

    static final List<String> DATES = List.of("99999-01-01", "2024-02-30", "2024-13-01", "%2B99999-01-01", "1999-12-31",
            "0000-00-00", "yesterday", "2024-1-1", "-2024-01-01");

    /**
     * For the hourly series' {@code start} and {@code end}: off the hour, out of range,
     * malformed.
     */
    static final List<String> HOURS = List.of("2026-11-26T14:30:00Z", "2026-11-26T25:00Z", "2026-11-26T14:00",
            "%2B999999999-12-31T23:00:00Z", "-999999999-01-01T00:00Z", "2026-11-26T14:00:00%2B05:30", "1764165600",
            "2000-01-01", "9999-12-31", "2026-11-26T14:00:00.000000001Z", "T", "2026-02-30");
    static final List<String> INTEGERS = List.of("abc", "1.5", "99999999999999999999", "-1", "0", "1e3", "%00", "");
    static final List<String> BOOLEANS = List.of("perhaps", "2", "TRUE%00", "", "yes");
    static final List<String> STRINGS = List.of("", "%00", "'%20OR%201=1--", "x".repeat(2_000), "%E2%98%83", "%ZZ",
            "%0D%0ASet-Cookie:%20x=1", "<script>", "null");

    /**
     * Bodies for the operations that take one: well-formed, but changing nothing (or
     * refused) whoever sends them.
     */
    static final Map<String, String> BASE_BODIES = Map.of("POST /api/auth/signup",
            "{\"name\": \"Fuzz\", \"email\": \"not-an-address\", \"password\": \"x\"}", "POST /api/auth/login",
            "{\"email\": \"nobody@example.org\", \"password\": \"wrong-password-123\"}",
            "POST /api/auth/password-reset", "{\"email\": \"nobody@example.org\"}",
            "POST /api/auth/password-reset/confirm", "{\"token\": \"no-such-token\", \"password\": \"x\"}",
            "POST /api/me/api-keys", "{\"name\": \"fuzz\"}", "POST /api/packages/{package}/maintainers",
            "{\"email\": \"nobody@example.org\", \"role\": \"OWNER\"}", "PUT /api/packages/{package}/visibility",
            "{\"private\": false}");

    enum Caller {

        ANONYMOUS, API_KEY, SESSION

    }

    record Parameter(String name, String in, String type) {
    }

    record Operation(String method, String path, List<Parameter> parameters, boolean html) {

        String key() {
            return method + " " + path;
        }
    }

    record Case(String label, Operation operation, String target, List<String[]> headers, byte[] body, Caller caller) {
    }

    record Answer(int status, String contentType, String body, boolean raw) {
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChangeClock changes;

    final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    final Random random = new Random(SEED);

    String apiKey;

    String cookie;

    String xsrf;

    long userId;

    @BeforeAll
    void packagesAndACaller() throws Exception {
        RollupSeed seed = new RollupSeed(jdbc, changes);
        seed.truncate();
        jdbc.execute("TRUNCATE users, api_keys, password_resets CASCADE");
        long requests = seed.pkg("requests");
        LocalDate yesterday = LocalDate.now().minusDays(1);
        seed.downloads(requests, seed.release(requests, "2.32.3"), yesterday, false, 1000);
        seed.category(requests, Dimension.SYSTEM, yesterday, "Linux", false, 1000);
        long hidden = seed.pkg("internal-tool");
        seed.downloads(hidden, seed.release(hidden, "1.0"), yesterday, false, 5);
        jdbc.update("UPDATE packages SET is_private = true WHERE id = ?", hidden);

        String account = "{\"name\": \"Fuzz\", \"email\": \"fuzz@example.org\", \"password\": \""
                + AccountsFixture.PASSWORD + "\"}";
        assertThat(send("POST", "/api/auth/signup", account, List.of()).statusCode()).isEqualTo(201);
        HttpResponse<String> login = send("POST", "/api/auth/login", account, List.of());
        assertThat(login.statusCode()).isEqualTo(200);
        Map<String, String> cookies = new LinkedHashMap<>();
        login.headers().allValues("Set-Cookie").forEach(header -> {
            String pair = header.split(";", 2)[0];
            cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        });
        xsrf = cookies.get("XSRF-TOKEN");
        cookie = "JSESSIONID=" + cookies.get("JSESSIONID") + "; XSRF-TOKEN=" + xsrf;
        HttpResponse<String> key = send("POST", "/api/me/api-keys", "{\"name\": \"fuzz\"}",
                List.of(new String[] { "Cookie", cookie }, new String[] { "X-XSRF-TOKEN", xsrf }));
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        apiKey = JSON.readTree(key.body()).get("key").asString();
        userId = jdbc.queryForObject("SELECT id FROM users WHERE email = 'fuzz@example.org'", Long.class);
        // An owner of both packages, so that signed-in requests get past authorization
        // into the handlers.
        for (long pkg : new long[] { requests, hidden }) {
            jdbc.update("INSERT INTO maintainers (id, user_id, package_id, role) VALUES (nextval('maintainers_seq'), "
                    + "?, ?, 'OWNER')", userId, pkg);
        }
    }

    @Test
    void malformedRequestsAreClientErrorsWithProblemDetailsAndNoStackTraces() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(20);
        List<Case> cases = new ArrayList<>();
        for (Operation operation : operations) {
            cases.addAll(cases(operation));
        }

        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int raw = 0;
        for (Case fuzz : cases) {
            Answer answer = exchange(fuzz);
            statuses.merge(answer.status(), 1, Integer::sum);
            raw += answer.raw() ? 1 : 0;
            String problem = check(fuzz, answer);
            if (problem != null) {
                failures.add(problem + "\n    " + fuzz.caller() + " " + fuzz.operation().method() + " "
                        + abbreviate(fuzz.target(), 160) + " [" + fuzz.label() + "]\n    -> " + answer.status() + " "
                        + answer.contentType() + " " + abbreviate(answer.body(), 300));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT,
                "ApiFuzzTest: %d operations, %d requests (%d over a raw socket) in %d ms; " + "statuses %s%n",
                operations.size(), cases.size(), raw, millis, statuses);

        assertThat(failures).as("%d of %d requests", failures.size(), cases.size()).isEmpty();
        assertThat(statuses.keySet()).as("the cases reach handlers, not only the 401 wall")
            .contains(200, 400, 401, 404, 406, 415);
    }

    /**
     * What the fuzzing found (500s, empty or non-problem error bodies, Java in a detail),
     * one request each.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-",
            textBlock = """
                    GET    | /api/packages/requests/overall?start_date=%ZZ        | -                   | -                            | 400 | about:blank
                    GET    | /badge/requests.svg?period=%ZZ                       | -                   | -                            | 400 | about:blank
                    POST   | /api/auth/login                                      | application/x-www-form-urlencoded | email=%ZZ      | 400 | about:blank
                    PUT    | /api/packages/requests/visibility                    | application/x-www-form-urlencoded | private=%ZZ    | 401 | /problems/unauthorized
                    GET    | /api/packages/requests/system?os=%00                 | -                   | -                            | 400 | /problems/bad-parameter
                    GET    | /api/packages/requests/system?mirrors=perhaps&mirrors=1 | -                 | -                            | 400 | /problems/bad-parameter
                    POST   | /api/auth/login                                      | application/json    | {"email": "x\\u0000y", "password": "x"} | 400 | /problems/invalid-request
                    GET    | /api/packages/%ZZ/overall                            | -                   | -                            | 400 | about:blank
                    GET    | /api/packages/a%2Fb/overall                          | -                   | -                            | 400 | about:blank
                    TRACE  | /api/stats/top                                       | -                   | -                            | 405 | about:blank
                    GET    | /error                                               | -                   | -                            | 404 | about:blank
                    """)
    void theBugsFoundAreFixed(String method, String target, String contentType, String body, int status, String type)
            throws Exception {
        List<String[]> headers = contentType == null ? List.of() : header("Content-Type", contentType);
        Operation operation = new Operation(method, target, List.of(), false);
        Answer answer = exchange(new Case("regression", operation, target, headers, bytes(body), Caller.ANONYMOUS));

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("type").asString("about:blank")).isEqualTo(type);
        assertThat(check(new Case("regression", operation, target, headers, null, Caller.ANONYMOUS), answer)).isNull();
    }

    /**
     * An {@code Accept} header that cannot be parsed still gets the error's body, not an
     * empty {@code 4xx}.
     */
    @Test
    void errorsHaveABodyWhateverTheAcceptHeader() throws Exception {
        for (String target : List.of("/api/packages/no-such-package/overall", "/api/stats/top?limit=0",
                "/api/stats/top?limit=x", "/api/stats/top", "/api/packages/requests/recent?format=%00")) {
            Operation operation = new Operation("GET", target, List.of(), false);
            Answer answer = exchange(
                    new Case("accept", operation, target, header("Accept", ";;;"), null, Caller.ANONYMOUS));

            assertThat(answer.status()).as(target).isBetween(400, 499);
            assertThat(answer.contentType()).as(target).startsWith("application/problem+json");
            assertThat(JSON.readTree(answer.body()).path("status").asInt()).as(target).isEqualTo(answer.status());
        }
    }

    /** Null if the answer is acceptable, else what is wrong with it. */
    private static String check(Case fuzz, Answer answer) {
        if (answer.status() >= 500 || answer.status() < 100) {
            return "server error";
        }
        for (String marker : STACK_TRACE_MARKERS) {
            if (answer.body().contains(marker)) {
                return "stack trace (" + marker + ")";
            }
        }
        if (answer.status() < 400) {
            return null;
        }
        String type = answer.contentType() == null ? "" : answer.contentType();
        if (fuzz.operation().html() && type.startsWith("text/html")) {
            return null; // the dashboard's own error pages
        }
        if (!type.startsWith("application/problem+json")) {
            return "4xx without problem details";
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (problem.path("status").asInt() != answer.status() || problem.path("title").asString("").isBlank()) {
                return "problem without the right status and a title";
            }
        }
        catch (RuntimeException ex) {
            return "problem that is not JSON";
        }
        return null;
    }

    /** Every operation of the OpenAPI document, and the dashboard's package page. */
    private List<Operation> operations() throws Exception {
        HttpResponse<String> response = send("GET", "/v3/api-docs", null, List.of());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Operation> operations = new ArrayList<>();
        JSON.readTree(response.body())
            .get("paths")
            .properties()
            .forEach(path -> path.getValue().properties().forEach(method -> {
                List<Parameter> parameters = new ArrayList<>();
                method.getValue()
                    .path("parameters")
                    .forEach(p -> parameters.add(new Parameter(p.get("name").asString(), p.get("in").asString(),
                            p.path("schema").path("type").asString("string"))));
                operations
                    .add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters, false));
            }));
        operations.sort(Comparator.comparing(Operation::key)); // the cases follow the
                                                               // seed, not the order
        operations.add(new Operation("GET", "/packages/{package}",
                List.of(new Parameter("package", "path", "string"), new Parameter("start_date", "query", "string"),
                        new Parameter("end_date", "query", "string"), new Parameter("mirrors", "query", "string")),
                true));
        return operations;
    }

    /**
     * The cases for one operation: path variables, query parameters, headers and bodies,
     * one thing at a time.
     */
    private List<Case> cases(Operation operation) {
        List<Case> cases = new ArrayList<>();
        String base = BASE_BODIES.get(operation.key());
        boolean takesBody = base != null || !operation.method().equals("GET");
        String body = base == null ? "{}" : base;
        List<String[]> json = takesBody ? List.<String[]>of(new String[] { "Content-Type", "application/json" })
                : List.of();

        // Path variables: each in turn takes every odd value, the others a plain one.
        for (Parameter variable : operation.parameters()) {
            if (!variable.in().equals("path")) {
                continue;
            }
            for (String value : PATH_VALUES) {
                cases.add(new Case("path " + variable.name(), operation, path(operation, variable.name(), value), json,
                        bytes(takesBody ? body : null), caller(cases.size())));
            }
        }

        // Query parameters: a few values of the wrong type or form each, one repeated,
        // one over-long.
        String plainPath = path(operation, null, null);
        for (Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("query")) {
                continue;
            }
            List<String> candidates = parameter.name().contains("date") ? DATES
                    : parameter.name().equals("start") || parameter.name().equals("end") ? HOURS
                            : parameter.type().equals("integer") ? INTEGERS
                                    : parameter.type().equals("boolean") || parameter.name().equals("mirrors")
                                            ? BOOLEANS : STRINGS;
            for (String value : pick(candidates, 4)) {
                cases.add(new Case("query " + parameter.name(), operation,
                        plainPath + "?" + parameter.name() + "=" + value, json, bytes(takesBody ? body : null),
                        caller(cases.size())));
            }
            cases.add(new Case(
                    "repeated " + parameter.name(), operation, plainPath + "?" + parameter.name() + "="
                            + pick(candidates, 1).get(0) + "&" + parameter.name() + "=" + pick(candidates, 1).get(0),
                    json, bytes(takesBody ? body : null), caller(cases.size())));
        }
        cases.add(new Case("over-long query", operation, plainPath + "?q=" + LONG, json, bytes(takesBody ? body : null),
                caller(cases.size())));
        cases.add(new Case("bad escape in query", operation, plainPath + "?format=%ZZ&x=%", json,
                bytes(takesBody ? body : null), caller(cases.size())));
        cases.add(new Case("unknown format", operation, plainPath + "?format=xml", json, bytes(takesBody ? body : null),
                caller(cases.size())));

        // Headers, each case once anonymous and once signed in.
        List<List<String[]>> headers = List.of(header("Accept", "text/garbage"), header("Accept", ";;;/ ,q=x"),
                header("Accept", "application/json;q=abc"), header("X-API-Key", "pkp_" + garbage(43)),
                header("X-API-Key", garbage(3_000)), header("X-Fuzz", "h".repeat(20_000)),
                header("If-None-Match", "\"unterminated"), header("If-None-Match", "W/, *, \"\"\""),
                header("If-Modified-Since", "yesterday"), header("Content-Type", ";;;"),
                header("Content-Type", "application/json; charset=no-such-charset"),
                header("Content-Type", "text/plain"), header("Accept-Language", garbage(200)));
        for (List<String[]> header : headers) {
            boolean contentType = header.get(0)[0].equals("Content-Type");
            List<String[]> sent = contentType || !takesBody ? header : List.of(header.get(0), json.get(0));
            for (Caller caller : List.of(Caller.ANONYMOUS, signedIn(cases.size()))) {
                cases.add(new Case("header " + header.get(0)[0], operation, plainPath, sent,
                        bytes(takesBody || contentType ? body : null), caller));
            }
        }

        // Bodies, for everything that changes something, each once anonymous and once
        // signed in.
        if (takesBody) {
            List<byte[]> bodies = List.of(bytes("{\"name\": "),
                    bytes("{\"email\": [1], \"private\": \"sure\", "
                            + "\"name\": {\"a\": 1}, \"role\": 7, \"password\": null, \"token\": false}"),
                    bytes("[]"), bytes("null"), bytes("\"just a string\""), bytes("{\"private\": 1e999999}"),
                    bytes("[".repeat(5_000) + "]".repeat(5_000)),
                    bytes("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)),
                    bytes("{\"name\": \"" + "n".repeat(2_000_000) + "\"}"),
                    new byte[] { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xFF, '"', '}' },
                    bytes(body.replace("}", ", \"unknown\": 1, \"unknown\": 2}")),
                    bytes(body.replace("\": \"", "\": \"x\\u0000")), bytes(""));
            for (byte[] broken : bodies) {
                for (Caller caller : List.of(Caller.ANONYMOUS, signedIn(cases.size()))) {
                    cases.add(new Case("body", operation, plainPath, json, broken, caller));
                }
            }
        }
        return cases;
    }

    /**
     * Anonymous and signed-in callers take turns, so that both sides of the 401 wall are
     * fuzzed.
     */
    private static Caller caller(int index) {
        return Caller.values()[index % Caller.values().length];
    }

    private static Caller signedIn(int index) {
        return index % 2 == 0 ? Caller.API_KEY : Caller.SESSION;
    }

    /**
     * The operation's path with plain values, and {@code value} (as it is) for
     * {@code variable}.
     */
    private String path(Operation operation, String variable, String value) {
        String path = operation.path();
        for (Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("path")) {
                String plain = parameter.name().equals("package") ? "requests"
                        : parameter.name().equals("userId") ? Long.toString(userId) : "999999";
                path = path.replace("{" + parameter.name() + "}", parameter.name().equals(variable) ? value : plain);
            }
        }
        return path;
    }

    private List<String> pick(List<String> candidates, int n) {
        List<String> copy = new ArrayList<>(candidates);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    /** Printable ASCII, no spaces, from the seeded random. */
    private String garbage(int length) {
        StringBuilder garbage = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            garbage.append((char) ('!' + random.nextInt('~' - '!')));
        }
        return garbage.toString();
    }

    private Answer exchange(Case fuzz) throws Exception {
        List<String[]> headers = new ArrayList<>(fuzz.headers());
        if (fuzz.caller() == Caller.API_KEY && headers.stream().noneMatch(h -> h[0].equals("X-API-Key"))) {
            headers.add(new String[] { "X-API-Key", apiKey });
        }
        else if (fuzz.caller() == Caller.SESSION) {
            headers.add(new String[] { "Cookie", cookie });
            headers.add(new String[] { "X-XSRF-TOKEN", xsrf });
        }
        String method = fuzz.operation().method();
        URI uri;
        try {
            uri = URI.create("http://localhost:" + port + fuzz.target());
        }
        catch (IllegalArgumentException ex) {
            return raw(method, fuzz.target(), headers, fuzz.body()); // such as %ZZ: not a
                                                                     // java.net.URI
        }
        if (!fuzz.target().chars().allMatch(c -> c < 128)) {
            return raw(method, fuzz.target(), headers, fuzz.body()); // HttpClient would
                                                                     // encode it
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(method, fuzz.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
        headers.forEach(header -> request.header(header[0], header[1]));
        try {
            HttpResponse<InputStream> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            try (InputStream body = response.body()) {
                // A live stream does not end: its status and type are the answer.
                boolean stream = contentType != null && contentType.startsWith("text/event-stream");
                return new Answer(response.statusCode(), contentType,
                        stream ? "" : new String(body.readAllBytes(), UTF_8), false);
            }
        }
        catch (IOException ex) {
            // Tomcat closes the connection after refusing over-long headers, which
            // HttpClient may still be sending.
            return raw(method, fuzz.target(), headers, fuzz.body());
        }
    }

    /**
     * One HTTP/1.1 exchange over a socket, the request exactly as given; reads until
     * Tomcat closes.
     */
    private Answer raw(String method, String target, List<String[]> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: localhost:")
                .append(port)
                .append("\r\nConnection: close\r\n");
            headers.forEach(header -> head.append(header[0]).append(": ").append(header[1]).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                out.write(head.toString().getBytes(UTF_8));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            }
            catch (SocketException ex) {
                // Refused before we finished sending: the answer may still be there to
                // read.
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    received.write(buffer, 0, n);
                }
            }
            catch (SocketException ex) {
                // A reset after the answer.
            }
            return parse(received.toString(UTF_8));
        }
    }

    private static Answer parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(-1, null, response, true);
        }
        String[] lines = response.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = null;
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(line.indexOf(':') + 1).trim();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        String body = response.substring(end + 4);
        if (chunked) {
            StringBuilder decoded = new StringBuilder();
            int at = 0;
            while (at < body.length()) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                // Sizes count bytes; the bodies checked here are ASCII apart from echoed
                // input, close enough.
                decoded.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
                at = lineEnd + 2 + size + 2;
            }
            body = decoded.toString();
        }
        return new Answer(status, contentType, body, true);
    }

    private HttpResponse<String> send(String method, String path, String body, List<String[]> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(header -> request.header(header[0], header[1]));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String[]> header(String name, String value) {
        List<String[]> header = new ArrayList<>();
        header.add(new String[] { name, value });
        return header;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(UTF_8);
    }

    private static String abbreviate(String text, int max) {
        return text == null || text.length() <= max ? String.valueOf(text) : text.substring(0, max) + "...";
    }

}
