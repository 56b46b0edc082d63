package io.pkgpulse.reporting.accounts;

import static io.pkgpulse.reporting.accounts.AccountsFixture.apiKey;
import static io.pkgpulse.reporting.accounts.AccountsFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;

import io.pkgpulse.model.accounts.ApiKey;
import io.pkgpulse.reporting.accounts.AccountsFixture.Session;

@AccountsIntegrationTest
class ApiKeysTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    AccountsFixture fixture;

    Session ada;

    @BeforeEach
    void anAccount() throws Exception {
        fixture = new AccountsFixture(mvc, jdbc);
        fixture.clean();
        ada = fixture.account("Ada", "ada@example.org");
    }

    @Test
    void aKeyIsShownOnceStoredAsAHashAndAuthenticatesAsItsUser() throws Exception {
        MockHttpServletResponse created = mvc
            .perform(post("/api/me/api-keys").with(ada.csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("name", "CI"))))
            .andExpect(status().isCreated())
            .andExpect(header().string("Cache-Control", "no-store"))
            .andExpect(jsonPath("$.name").value("CI"))
            .andReturn()
            .getResponse();
        JsonNode body = json(created);
        String key = body.get("key").asString();
        assertThat(key).matches("pkp_[A-Za-z0-9_-]{43}");
        assertThat(body.get("prefix").asString()).isEqualTo(key.substring(0, 12));
        assertThat(created.getHeader("Location")).isEqualTo("/api/me/api-keys/" + body.get("id").asLong());

        // The database holds the prefix and the SHA-256 of the key, nothing from which
        // the key could be read.
        var row = jdbc.queryForMap("SELECT prefix, key_sha256 FROM api_keys");
        assertThat(row.get("prefix")).isEqualTo(key.substring(0, 12));
        assertThat((byte[]) row.get("key_sha256")).isEqualTo(ApiKey.sha256(key));
        assertThat(jdbc.queryForObject("SELECT api_keys::text FROM api_keys", String.class)).doesNotContain(key)
            .doesNotContain(key.substring(12));

        // Listing never shows it again.
        String list = mvc.perform(get("/api/me/api-keys").with(ada.csrf()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].name").value("CI"))
            .andExpect(jsonPath("$[0].prefix").value(key.substring(0, 12)))
            .andExpect(jsonPath("$[0].key").doesNotExist())
            .andExpect(jsonPath("$[0].revoked_at").isEmpty())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(list).doesNotContain(key);

        mvc.perform(get("/api/me").with(apiKey(key)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.email").value("ada@example.org"))
            .andExpect(jsonPath("$.authenticated_by").value("api_key"));
        mvc.perform(get("/api/me/api-keys").with(apiKey(key)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].last_used_at").isNotEmpty());
        assertThat(jdbc.queryForObject("SELECT last_used_at IS NOT NULL FROM api_keys", Boolean.class)).isTrue();
    }

    @Test
    void aRevokedKeyNoLongerAuthenticates() throws Exception {
        String key = fixture.apiKey(ada, "laptop");
        long id = jdbc.queryForObject("SELECT id FROM api_keys", Long.class);
        mvc.perform(get("/api/me").with(apiKey(key))).andExpect(status().isOk());

        mvc.perform(delete("/api/me/api-keys/{id}", id).with(ada.csrf())).andExpect(status().isNoContent());

        mvc.perform(get("/api/me").with(apiKey(key)))
            .andExpect(status().isUnauthorized())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/invalid-api-key"));
        mvc.perform(get("/api/me/api-keys").with(ada.csrf())).andExpect(jsonPath("$[0].revoked_at").isNotEmpty());
        // Revoking again is harmless.
        mvc.perform(delete("/api/me/api-keys/{id}", id).with(ada.csrf())).andExpect(status().isNoContent());
    }

    @Test
    void wrongUnknownAndMalformedKeysAre401EvenWhereAnonymousCallersAreWelcome() throws Exception {
        String key = fixture.apiKey(ada, "laptop");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String unknown = "pkp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String samePrefix = key.substring(0, 12) + unknown.substring(12);
        long pkg = fixture.pkg("attrs", false);

        for (String wrong : new String[] { unknown, samePrefix, key + "x", "pkp_short", "", "Bearer " + key }) {
            mvc.perform(get("/api/me").with(apiKey(wrong)))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "X-API-Key"))
                .andExpect(jsonPath("$.type").value("/problems/invalid-api-key"));
            // Never a silent fall back to anonymous: a public endpoint refuses a bad key
            // too.
            mvc.perform(get("/api/packages/attrs/recent").with(apiKey(wrong))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/packages/attrs/recent")).andExpect(status().isOk());
        assertThat(pkg).isPositive();
    }

    @Test
    void anotherUsersKeyCannotBeRevokedAndLooksLikeNoKey() throws Exception {
        fixture.apiKey(ada, "laptop");
        long adasKey = jdbc.queryForObject("SELECT id FROM api_keys", Long.class);
        Session bob = fixture.account("Bob", "bob@example.org");

        mvc.perform(delete("/api/me/api-keys/{id}", adasKey).with(bob.csrf()))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value("/problems/unknown-api-key"));
        mvc.perform(delete("/api/me/api-keys/{id}", adasKey + 1000).with(bob.csrf()))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value("/problems/unknown-api-key"));
        assertThat(jdbc.queryForObject("SELECT revoked_at IS NULL FROM api_keys", Boolean.class)).isTrue();
        mvc.perform(get("/api/me/api-keys").with(bob.csrf())).andExpect(jsonPath("$").isEmpty());
    }

    @Test
    void sessionRequestsThatChangeStateNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/api/me/api-keys").with(ada.withoutCsrfHeader())
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", "CI"))))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/csrf"));
        mvc.perform(post("/api/me/api-keys").with(ada.withoutCsrfHeader())
            .header("X-XSRF-TOKEN", "forged")
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", "CI"))))
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.type").value("/problems/csrf"));
        // A token from another browser does not match this browser's cookie either.
        Session bob = fixture.account("Bob", "bob@example.org");
        mvc.perform(post("/api/me/api-keys").with(ada.withoutCsrfHeader())
            .header("X-XSRF-TOKEN", bob.xsrf().getValue())
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", "CI"))))
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.type").value("/problems/csrf"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys", Long.class)).isZero();

        mvc.perform(post("/api/me/api-keys").with(ada.csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", "CI")))).andExpect(status().isCreated());
    }

    @Test
    void apiKeyRequestsNeedNoCsrfTokenButCannotCreateKeys() throws Exception {
        String key = fixture.apiKey(ada, "automation");
        String other = fixture.apiKey(ada, "old");
        long otherId = jdbc.queryForObject("SELECT id FROM api_keys WHERE name = 'old'", Long.class);

        mvc.perform(delete("/api/me/api-keys/{id}", otherId).with(apiKey(key))).andExpect(status().isNoContent());
        mvc.perform(get("/api/me").with(apiKey(other))).andExpect(status().isUnauthorized());

        mvc.perform(post("/api/me/api-keys").with(apiKey(key))
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", "more"))))
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.type").value("/problems/session-required"));
    }

    @Test
    void keyNamesAreValidatedAndTheNumberOfKeysIsBounded() throws Exception {
        mvc.perform(post("/api/me/api-keys").with(ada.csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", ""))))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(post("/api/me/api-keys").with(ada.csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", "x".repeat(101))))).andExpect(status().isBadRequest());
        for (int i = 0; i < 25; i++) {
            fixture.apiKey(ada, "key " + i);
        }
        mvc.perform(post("/api/me/api-keys").with(ada.csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", "one too many"))))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value("/problems/too-many-api-keys"));
    }

    @Test
    void keysAndKeyListsNeedASignedInCaller() throws Exception {
        mvc.perform(get("/api/me/api-keys")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/me/api-keys").contentType(MediaType.APPLICATION_JSON).content(json(Map.of("name", "x"))))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.type").value("/problems/unauthorized"));
        mvc.perform(delete("/api/me/api-keys/1")).andExpect(status().isUnauthorized());
    }

}
