package io.pkgpulse.reporting.packages;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.pkgpulse.reporting.packages.PackageAdministration.Change;
import io.pkgpulse.reporting.packages.PackageAdministration.MaintainerView;
import io.pkgpulse.reporting.packages.PackageAdministration.Maintainers;
import io.pkgpulse.reporting.packages.PackageAdministration.Visibility;
import io.pkgpulse.reporting.problems.ApiProblem;
import io.pkgpulse.reporting.security.AccountPrincipal;
import io.pkgpulse.reporting.security.InputRules;

/**
 * A package's visibility and maintainers, for its owners (and admins); see
 * {@link PackageAdministration}.
 */
@RestController
@RequestMapping(path = "/api/packages/{package}", produces = "application/json")
class PackageAdministrationController {

    private final PackageAdministration administration;

    PackageAdministrationController(PackageAdministration administration) {
        this.administration = administration;
    }

    @PutMapping("/visibility")
    Visibility setVisibility(@AuthenticationPrincipal AccountPrincipal caller, @PathVariable("package") String name,
            @Valid @RequestBody VisibilityChange body) {
        return administration.setVisibility(require(caller), name, body.isPrivate());
    }

    @GetMapping("/maintainers")
    Maintainers maintainers(@AuthenticationPrincipal AccountPrincipal caller, @PathVariable("package") String name) {
        return administration.maintainers(require(caller), name);
    }

    /**
     * 201 when the user becomes a maintainer, 200 when an existing maintainer's role
     * changes.
     */
    @PostMapping("/maintainers")
    ResponseEntity<MaintainerView> addMaintainer(@AuthenticationPrincipal AccountPrincipal caller,
            @PathVariable("package") String name, @Valid @RequestBody NewMaintainer body) {
        Change change = administration.addMaintainer(require(caller), name, body.email(), body.role());
        return ResponseEntity.status(change.added() ? HttpStatus.CREATED : HttpStatus.OK).body(change.maintainer());
    }

    @DeleteMapping("/maintainers/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMaintainer(@AuthenticationPrincipal AccountPrincipal caller, @PathVariable("package") String name,
            @PathVariable long userId) {
        administration.removeMaintainer(require(caller), name, userId);
    }

    private static AccountPrincipal require(AccountPrincipal caller) {
        if (caller == null) {
            throw ApiProblem.unauthorized();
        }
        return caller;
    }

    record VisibilityChange(@JsonProperty("private") @NotNull Boolean isPrivate) {
    }

    /** No control characters in the address, as at login. */
    record NewMaintainer(@NotBlank @Size(max = 254) @Pattern(regexp = InputRules.PRINTABLE) String email,
            @Size(max = 16) String role) {
    }

}
