package io.pkgpulse.reporting.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import io.pkgpulse.reporting.WorkerCommits;
import io.pkgpulse.reporting.changes.ChangeClock;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.pkgpulse.names.ProjectNames;

/**
 * Accounts, sessions, keys and packages for tests, made the way a client makes them:
 * through the API.
 */
public final class AccountsFixture {

    public static final String ADMIN = "root@example.org";

    public static final String PASSWORD = "violet-harbour-engine-7";

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc;

    private final JdbcTemplate jdbc;

    public AccountsFixture(MockMvc mvc, JdbcTemplate jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    /** Empties accounts and packages (and what hangs off them). */
    public void clean() {
        jdbc.execute("""
                TRUNCATE users, api_keys, password_resets, maintainers, packages, releases, daily_downloads,
                         daily_release_downloads, daily_category_downloads, daily_total_downloads,
                         daily_total_category_downloads, hourly_downloads, hourly_release_downloads,
                         hourly_total_downloads CASCADE""");
        WorkerCommits.announceEverything(jdbc, changes());
    }

    /** The API's view of changes, to wait until it has heard of one. */
    public ChangeClock changes() {
        return mvc.getDispatcherServlet().getWebApplicationContext().getBean(ChangeClock.class);
    }

    public long signup(String name, String email) throws Exception {
        MockHttpServletResponse response = mvc
            .perform(post("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("name", name, "email", email, "password", PASSWORD))))
            .andReturn()
            .getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json(response).get("id").asLong();
    }

    public Session login(String email) throws Exception {
        return login(email, PASSWORD);
    }

    public Session login(String email, String password) throws Exception {
        MvcResult result = mvc
            .perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("email", email, "password", password))))
            .andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
        Cookie xsrf = result.getResponse().getCookie("XSRF-TOKEN");
        assertThat(session).isNotNull();
        assertThat(xsrf).isNotNull();
        return new Session(session, xsrf);
    }

    /** Signs up and logs in. */
    public Session account(String name, String email) throws Exception {
        signup(name, email);
        return login(email);
    }

    /** Creates an API key through a session; returns the key. */
    public String apiKey(Session session, String name) throws Exception {
        MockHttpServletResponse response = mvc
            .perform(post("/api/me/api-keys").with(session.csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("name", name))))
            .andReturn()
            .getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json(response).get("key").asString();
    }

    public long userId(Session session) throws Exception {
        return json(mvc.perform(get("/api/me").with(session.csrf())).andReturn().getResponse()).get("id").asLong();
    }

    public long pkg(String name, boolean isPrivate) {
        return jdbc.queryForObject("""
                INSERT INTO packages (id, name, normalized_name, is_private) VALUES (nextval('packages_seq'), ?, ?, ?)
                RETURNING id""", Long.class, name, ProjectNames.normalize(name), isPrivate);
    }

    public void maintainer(long packageId, String email, String role) {
        jdbc.update("""
                INSERT INTO maintainers (id, user_id, package_id, role)
                SELECT nextval('maintainers_seq'), id, ?, ? FROM users WHERE lower(email) = lower(?)""", packageId,
                role, email);
    }

    /** Downloads of a package on a day, in its rollup and the all-package totals. */
    public void downloads(long packageId, LocalDate day, long n) {
        jdbc.update("INSERT INTO daily_downloads VALUES (?, ?, false, ?)", packageId, day, n);
        jdbc.update(
                """
                        INSERT INTO daily_total_downloads VALUES (?, false, ?)
                        ON CONFLICT (day, mirror) DO UPDATE SET downloads = daily_total_downloads.downloads + EXCLUDED.downloads""",
                day, n);
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public static JsonNode json(MockHttpServletResponse response) throws Exception {
        return JSON.readTree(response.getContentAsString());
    }

    /** A signed-in browser: the session and the XSRF-TOKEN cookie. */
    public record Session(MockHttpSession session, Cookie xsrf) {

        /**
         * The session, the cookie and the X-XSRF-TOKEN header, as a browser script sends
         * them.
         */
        public RequestPostProcessor csrf() {
            return request -> {
                request.setSession(session);
                request.setCookies(xsrf);
                request.addHeader("X-XSRF-TOKEN", xsrf.getValue());
                return request;
            };
        }

        /**
         * The session cookie alone, as a form on another site would make the browser send
         * it.
         */
        public RequestPostProcessor withoutCsrfHeader() {
            return request -> {
                request.setSession(session);
                request.setCookies(xsrf);
                return request;
            };
        }
    }

    public static RequestPostProcessor apiKey(String key) {
        return request -> {
            request.addHeader("X-API-Key", key);
            return request;
        };
    }

    public static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

}
