package io.pkgpulse.reporting.security;

import static io.pkgpulse.reporting.accounts.AccountsFixture.apiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

import io.pkgpulse.reporting.accounts.AccountsFixture;
import io.pkgpulse.reporting.accounts.AccountsFixture.Session;
import io.pkgpulse.reporting.accounts.AccountsIntegrationTest;

/**
 * Who may call what (docs/security.md), for every endpoint, every kind of caller and both
 * kinds of package, as one table. Callers sign in as clients do: a session from
 * {@code POST /api/auth/login} with its CSRF token, and an API key made through that
 * session; every signed-in cell is run both ways and both must give the table's status
 * (unless the row says {@code session} or {@code key}). Requests that change something
 * run against a freshly reset state: the two packages, their owner and maintainer, and
 * the callers' own keys.
 * <p>
 * The table must have a row for every operation of the OpenAPI document and every request
 * mapping of the application's controllers, so that a new endpoint without a row fails
 * here.
 */
@AccountsIntegrationTest
@TestInstance(Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    /**
     * Endpoints about one package. Columns: method, path ({@code {package}} is the
     * package of the column group), optionally how signed-in callers authenticate
     * ({@code session} or {@code key}; both by default), then the status for each caller
     * on the public package and, after the second bar, on the private one.
     * <ul>
     * <li>anon: no credentials;</li>
     * <li>user: signed in, no maintainer of the package;</li>
     * <li>maint: maintainer (role {@code MAINTAINER}) of the package;</li>
     * <li>owner: owner of the package;</li>
     * <li>admin: listed in {@code pkgpulse.accounts.admins}, no maintainer of the
     * package.</li>
     * </ul>
     * A private package is {@code 404} to everyone who may not see it, exactly like a
     * package that does not exist; admins manage it but see its statistics only as
     * maintainers. The administration endpoints are {@code 401} to anonymous callers
     * before the package is looked at. {@code {user}} is the maintainer's user id.
     */
    static final String PACKAGE_MATRIX = """
            #                                                 |             public            |            private
            # method path                                     |  anon  user maint owner admin |  anon  user maint owner admin
            GET    /api/packages/{package}                    |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/recent             |   200   200   200   200   200 |   404   404   200   200   404
            HEAD   /api/packages/{package}/recent             |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/overall            |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/python_major       |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/python_minor       |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/system             |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/installer          |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/country            |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/file_type          |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/ci                 |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/version            |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/total              |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/version_totals     |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/overall?format=csv |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/hourly             |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/hourly?format=csv  |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/hourly/version     |   200   200   200   200   200 |   404   404   200   200   404
            HEAD   /api/packages/{package}/hourly             |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/packages/{package}/maintainers        |   401   403   200   200   200 |   401   404   200   200   200
            POST   /api/packages/{package}/maintainers        |   401   403   403   201   201 |   401   404   403   201   201
            DELETE /api/packages/{package}/maintainers/{user} |   401   403   403   204   204 |   401   404   403   204   204
            PUT    /api/packages/{package}/visibility         |   401   403   403   200   200 |   401   404   403   200   200
            GET    /badge/{package}.svg                       |   200   200   200   200   200 |   404   404   200   200   404
            HEAD   /badge/{package}.svg                       |   200   200   200   200   200 |   404   404   200   200   404
            GET    /packages/{package}                        |   200   200   200   200   200 |   404   404   200   200   404
            GET    /api/live?package={package}                |   200   200   200   200   200 |   404   404   200   200   404
            HEAD   /packages/{package}                        |   200   200   200   200   200 |   404   404   200   200   404
            POST   /api/packages/{package}/recent             |   401   405   405   405   405 |   401   405   405   405   405
            GET    /api/packages/{package}/no-such-series     |   404   404   404   404   404 |   404   404   404   404   404
            """;

    /**
     * Endpoints about no package in particular; the same callers (who maintain the
     * packages above, which changes nothing here). {@code {own-key}} is a key of the
     * caller's, {@code {other-key}} one of another account's.
     */
    static final String GLOBAL_MATRIX = """
            # method path                                     |  anon  user maint owner admin
            GET    /api/packages/__all__/overall              |   200   200   200   200   200
            GET    /api/packages/__all__/hourly               |   200   200   200   200   200
            GET    /api/packages/__all__/hourly/version       |   200   200   200   200   200
            GET    /api/stats/top                             |   200   200   200   200   200
            GET    /api/live                                  |   200   200   200   200   200
            GET    /api/me                                    |   401   200   200   200   200
            GET    /api/me/api-keys                           |   401   200   200   200   200
            POST   /api/me/api-keys                  session  |   401   201   201   201   201
            POST   /api/me/api-keys                      key  |   401   403   403   403   403
            DELETE /api/me/api-keys/{own-key}                 |   401   204   204   204   204
            DELETE /api/me/api-keys/{other-key}               |   401   404   404   404   404
            POST   /api/auth/signup                           |   400   400   400   400   400
            POST   /api/auth/login                            |   400   400   400   400   400
            POST   /api/auth/logout                           |   204   204   204   204   204
            POST   /api/auth/password-reset                   |   202   202   202   202   202
            POST   /api/auth/password-reset/confirm           |   400   400   400   400   400
            GET    /                                          |   200   200   200   200   200
            GET    /packages?q=Open_Thing                     |   302   302   302   302   302
            GET    /v3/api-docs                               |   200   200   200   200   200
            GET    /swagger-ui/index.html                     |   200   200   200   200   200
            GET    /dashboard/dashboard.css                   |   200   200   200   200   200
            GET    /actuator/health                           |   200   200   200   200   200
            GET    /actuator/info                             |   200   200   200   200   200
            GET    /actuator                                  |   401   403   403   403   200
            GET    /actuator/metrics                          |   401   403   403   403   200
            GET    /actuator/prometheus                       |   401   403   403   403   200
            GET    /no-such-page                              |   401   404   404   404   404
            DELETE /api/stats/top                             |   401   405   405   405   405
            """;

    /**
     * Request bodies, by method and path. The auth endpoints get bodies they refuse
     * ({@code 400}) or accept without effect (a reset for an address no account uses):
     * the status shows that the caller got through, and nobody's session or password
     * changes.
     */
    static final Map<String, String> BODIES = Map.of("POST /api/packages/{package}/maintainers",
            "{\"email\": \"carol@example.org\", \"role\": \"MAINTAINER\"}", "PUT /api/packages/{package}/visibility",
            "{\"private\": %s}", "POST /api/me/api-keys", "{\"name\": \"matrix\"}", "POST /api/auth/signup", "{}",
            "POST /api/auth/login", "{}", "POST /api/auth/password-reset", "{\"email\": \"nobody@example.org\"}",
            "POST /api/auth/password-reset/confirm", "{\"token\": \"no-such-token\", \"password\": \"x\"}");

    static final String PUBLIC = "open-thing";
    static final String PRIVATE = "secret-sauce";

    enum Caller {

        ANONYMOUS(null), USER("eve@example.org"), MAINTAINER("bob@example.org"), OWNER("ada@example.org"),
        ADMIN(AccountsFixture.ADMIN);

        final String email;

        Caller(String email) {
            this.email = email;
        }

    }

    enum Via {

        SESSION, KEY

    }

    record Row(String method, String path, Set<Via> vias, List<Integer> publicStatuses, List<Integer> privateStatuses) {

        boolean changesState() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        String operation() {
            return method + " " + path;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMappings;

    AccountsFixture fixture;

    final Map<Caller, Session> sessions = new EnumMap<>(Caller.class);

    final Map<Caller, String> keys = new EnumMap<>(Caller.class);

    long publicId;

    long privateId;

    long maintainerId;

    long othersKeyId;

    @BeforeAll
    void callersAndPackages() throws Exception {
        fixture = new AccountsFixture(mvc, jdbc);
        fixture.clean();
        for (Caller caller : Caller.values()) {
            if (caller.email != null) {
                Session session = fixture.account(caller.name().toLowerCase(Locale.ROOT), caller.email);
                sessions.put(caller, session);
                keys.put(caller, fixture.apiKey(session, "matrix"));
            }
        }
        Session carol = fixture.account("Carol", "carol@example.org");
        fixture.apiKey(carol, "carol's");
        othersKeyId = jdbc.queryForObject(
                "SELECT k.id FROM api_keys k JOIN users u ON u.id = k.user_id WHERE u.email = 'carol@example.org'",
                Long.class);
        maintainerId = fixture.userId(sessions.get(Caller.MAINTAINER));
        publicId = fixture.pkg(PUBLIC, false);
        privateId = fixture.pkg(PRIVATE, true);
        LocalDate yesterday = LocalDate.now().minusDays(1);
        fixture.downloads(publicId, yesterday, 7);
        fixture.downloads(privateId, yesterday, 42);
    }

    /**
     * The packages' visibility and maintainers as at the start, and only the keys made at
     * the start.
     */
    @BeforeEach
    void reset() {
        jdbc.update("UPDATE packages SET is_private = (id = ?)", privateId);
        jdbc.update("DELETE FROM maintainers");
        for (long pkg : new long[] { publicId, privateId }) {
            fixture.maintainer(pkg, Caller.OWNER.email, "OWNER");
            fixture.maintainer(pkg, Caller.MAINTAINER.email, "MAINTAINER");
        }
        jdbc.update("DELETE FROM api_keys WHERE name <> 'matrix' AND id <> ?", othersKeyId);
        jdbc.update("UPDATE api_keys SET revoked_at = NULL");
    }

    static Stream<Object[]> packageRows() {
        return parse(PACKAGE_MATRIX).stream()
            .flatMap(row -> Stream.of(new Object[] { row.operation() + " (public)", row, false },
                    new Object[] { row.operation() + " (private)", row, true }));
    }

    static Stream<Object[]> globalRows() {
        return parse(GLOBAL_MATRIX).stream().map(row -> new Object[] { row.operation(), row, false });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({ "packageRows", "globalRows" })
    void callersGetTheStatusOfTheTable(String name, Row row, boolean privatePackage) throws Exception {
        List<Integer> expected = privatePackage ? row.privateStatuses() : row.publicStatuses();
        List<String> mismatches = new ArrayList<>();
        for (Via via : row.vias()) {
            List<Integer> actual = new ArrayList<>();
            for (Caller caller : Caller.values()) {
                actual.add(status(row, caller, via, privatePackage));
            }
            if (!actual.equals(expected)) {
                mismatches.add(via + ": " + format(actual));
            }
        }
        assertThat(mismatches).as("%s: expected %s (anon user maint owner admin)", name, format(expected)).isEmpty();
    }

    /**
     * A wrong key is a 401 everywhere, also on public endpoints: never a silent fall back
     * to anonymous.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource({ "packageRows", "globalRows" })
    void aWrongApiKeyIsUnauthorizedEverywhere(String name, Row row, boolean privatePackage) throws Exception {
        if (row.changesState()) {
            reset();
        }
        MockHttpServletRequestBuilder request = requestFor(row, null, privatePackage);
        int status = mvc.perform(request.with(apiKey("pkp_" + "A".repeat(43)))).andReturn().getResponse().getStatus();
        // Logout comes before authentication in Spring Security's chain and needs no one
        // to be signed in.
        assertThat(status).as(name).isEqualTo(row.path().equals("/api/auth/logout") ? 204 : 401);
    }

    /**
     * A session request that changes something needs the CSRF token, whoever sends it and
     * whatever the package, before anything else is looked at; only {@code /api/auth/**}
     * works without (docs/security.md).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource({ "packageRows", "globalRows" })
    void sessionRequestsThatChangeSomethingNeedTheCsrfToken(String name, Row row, boolean privatePackage)
            throws Exception {
        if (!row.changesState() || !row.vias().contains(Via.SESSION) || row.path().startsWith("/api/auth/")) {
            return;
        }
        for (Caller caller : List.of(Caller.USER, Caller.MAINTAINER, Caller.OWNER, Caller.ADMIN)) {
            reset();
            MockHttpServletRequestBuilder request = requestFor(row, caller, privatePackage);
            int status = mvc.perform(request.with(sessions.get(caller).withoutCsrfHeader()))
                .andReturn()
                .getResponse()
                .getStatus();
            assertThat(status).as("%s by %s", name, caller).isEqualTo(403);
        }
    }

    @Test
    void theTableHasARowForEveryOperationOfTheOpenApiDocument() throws Exception {
        JsonNode doc = AccountsFixture.json(mvc.perform(get("/v3/api-docs")).andReturn().getResponse());
        Set<String> documented = new TreeSet<>();
        doc.get("paths")
            .properties()
            .forEach(path -> path.getValue()
                .propertyNames()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + template(path.getKey()))));

        assertThat(documented).hasSizeGreaterThan(20).isSubsetOf(coveredOperations());
    }

    @Test
    void theTableHasARowForEveryRequestMappingOfTheApplication() {
        Set<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : handlerMappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            if (!mapping.getValue().getBeanType().getPackageName().startsWith("io.pkgpulse")
                    || info.getPatternValues().contains("/error")) {
                continue; // springdoc's own endpoints, and the error page that errors are
                          // forwarded to
            }
            assertThat(info.getMethodsCondition().getMethods()).as("%s has a method", info).isNotEmpty();
            info.getMethodsCondition()
                .getMethods()
                .forEach(method -> info.getPatternValues()
                    .forEach(pattern -> mapped.add(method.name() + " " + template(pattern))));
        }

        assertThat(mapped).hasSizeGreaterThan(20).isSubsetOf(coveredOperations());
    }

    private int status(Row row, Caller caller, Via via, boolean privatePackage) throws Exception {
        if (row.changesState()) {
            reset();
        }
        MockHttpServletRequestBuilder request = requestFor(row, caller, privatePackage);
        if (caller != Caller.ANONYMOUS) {
            if (via == Via.KEY) {
                request.with(apiKey(keys.get(caller)));
            }
            else if (row.path().equals("/api/auth/logout")) {
                request.with(fixture.login(caller.email).csrf()); // a session of its own,
                                                                  // which the request
                                                                  // ends
            }
            else {
                request.with(sessions.get(caller).csrf());
            }
        }
        MvcResult result = mvc.perform(request).andReturn();
        if (result.getRequest().isAsyncStarted()) {
            // A live stream: its status is what the table is about; end it as a client
            // that leaves.
            result.getRequest().getAsyncContext().complete();
        }
        return result.getResponse().getStatus();
    }

    private MockHttpServletRequestBuilder requestFor(Row row, Caller caller, boolean privatePackage) throws Exception {
        String path = row.path()
            .replace("{package}", privatePackage ? PRIVATE : PUBLIC)
            .replace("{user}", Long.toString(maintainerId))
            .replace("{other-key}", Long.toString(othersKeyId));
        if (path.contains("{own-key}")) {
            path = path.replace("{own-key}",
                    Long.toString(caller == null || caller == Caller.ANONYMOUS ? othersKeyId : ownKey(caller)));
        }
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(row.method()), path);
        String body = BODIES.get(row.operation());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body.formatted(!privatePackage));
        }
        return request;
    }

    /** A new key of the caller's, made through their session; its id. */
    private long ownKey(Caller caller) throws Exception {
        fixture.apiKey(sessions.get(caller), "throwaway");
        return jdbc.queryForObject("""
                SELECT max(k.id) FROM api_keys k JOIN users u ON u.id = k.user_id
                WHERE lower(u.email) = lower(?)""", Long.class, caller.email);
    }

    private static Set<String> coveredOperations() {
        return Stream.concat(parse(PACKAGE_MATRIX).stream(), parse(GLOBAL_MATRIX).stream())
            .map(row -> row.method() + " " + template(row.path()))
            .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The path without its query and with every {@code {variable}}, and {@code __all__},
     * as {@code {}}.
     */
    private static String template(String path) {
        return path.replaceAll("\\?.*", "").replaceAll("\\{[^}]*}", "{}").replace("/__all__/", "/{}/");
    }

    static List<Row> parse(String table) {
        List<Row> rows = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\\|");
            String[] head = columns[0].trim().split("\\s+");
            Set<Via> vias = head.length > 2 ? Set.of(Via.valueOf(head[2].toUpperCase()))
                    : new LinkedHashSet<>(List.of(Via.SESSION, Via.KEY));
            rows.add(new Row(head[0], head[1], vias, statuses(columns[1]),
                    columns.length > 2 ? statuses(columns[2]) : null));
        }
        return rows;
    }

    private static List<Integer> statuses(String column) {
        List<Integer> statuses = Arrays.stream(column.trim().split("\\s+")).map(Integer::valueOf).toList();
        assertThat(statuses).as("one status per caller: %s", column).hasSize(Caller.values().length);
        return statuses;
    }

    private static String format(List<Integer> statuses) {
        return statuses.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

}
