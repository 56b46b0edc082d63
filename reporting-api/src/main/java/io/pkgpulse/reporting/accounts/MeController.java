package io.pkgpulse.reporting.accounts;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.pkgpulse.reporting.accounts.Accounts.MeView;
import io.pkgpulse.reporting.accounts.ApiKeys.ApiKeyView;
import io.pkgpulse.reporting.accounts.ApiKeys.CreatedApiKey;
import io.pkgpulse.reporting.problems.ApiProblem;
import io.pkgpulse.reporting.security.AccountPrincipal;
import io.pkgpulse.reporting.security.CsrfCookie;

/** The signed-in caller ({@code /api/me}) and their API keys. */
@RestController
@RequestMapping(path = "/api/me", produces = "application/json")
class MeController {

    private final Accounts accounts;

    private final ApiKeys apiKeys;

    MeController(Accounts accounts, ApiKeys apiKeys) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
    }

    @GetMapping
    MeView me(@AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest request) {
        if (!require(caller).viaApiKey()) {
            CsrfCookie.render(request);
        }
        return accounts.me(caller);
    }

    @PostMapping("/api-keys")
    ResponseEntity<CreatedApiKey> createApiKey(@AuthenticationPrincipal AccountPrincipal caller,
            @Valid @RequestBody NewKey body) {
        CreatedApiKey created = apiKeys.create(require(caller), body.name());
        return ResponseEntity.created(URI.create("/api/me/api-keys/" + created.id()))
            .header("Cache-Control", "no-store")
            .body(created);
    }

    @GetMapping("/api-keys")
    List<ApiKeyView> apiKeys(@AuthenticationPrincipal AccountPrincipal caller) {
        return apiKeys.list(require(caller).userId());
    }

    @DeleteMapping("/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal AccountPrincipal caller, @PathVariable long id) {
        apiKeys.revoke(require(caller).userId(), id);
    }

    private static AccountPrincipal require(AccountPrincipal caller) {
        if (caller == null) {
            throw ApiProblem.unauthorized();
        }
        return caller;
    }

    record NewKey(@NotBlank @Size(max = 100) @Pattern(regexp = AuthController.PRINTABLE) String name) {
    }

}
