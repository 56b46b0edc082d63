package io.pkgpulse.reporting.packages;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.pkgpulse.model.accounts.Maintainer;
import io.pkgpulse.model.accounts.MaintainerRole;
import io.pkgpulse.model.accounts.User;
import io.pkgpulse.model.accounts.UserRepository;
import io.pkgpulse.model.catalog.Package;
import io.pkgpulse.model.catalog.PackageRepository;
import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.reporting.cache.PackageVisibilityChanged;
import io.pkgpulse.reporting.problems.ApiProblem;
import io.pkgpulse.reporting.problems.UnknownPackageException;
import io.pkgpulse.reporting.security.AccountPrincipal;
import io.pkgpulse.reporting.security.AccountsProperties;

/**
 * Who maintains a package, and whether it is private. Owners (and admins) change both;
 * maintainers may read the list. A package the caller may not see (private, and they are
 * no maintainer) is answered as unknown (404), exactly like one that does not exist; on a
 * package they can see but not manage they get 403. Changes lock the package row, so that
 * two owners removing each other cannot leave it without an owner.
 */
@Service
class PackageAdministration {

    private final PackageAccess packageAccess;

    private final PackageRepository packages;

    private final UserRepository users;

    private final AccountsProperties properties;

    private final ApplicationEventPublisher events;

    PackageAdministration(PackageAccess packageAccess, PackageRepository packages, UserRepository users,
            AccountsProperties properties, ApplicationEventPublisher events) {
        this.packageAccess = packageAccess;
        this.packages = packages;
        this.users = users;
        this.properties = properties;
        this.events = events;
    }

    @Transactional
    Visibility setVisibility(AccountPrincipal caller, String name, boolean makePrivate) {
        Package pkg = manageable(caller, name);
        if (makePrivate && pkg.getMaintainers().stream().noneMatch(m -> m.getRole() == MaintainerRole.OWNER)) {
            throw ApiProblem.noOwner();
        }
        if (pkg.isPrivate() != makePrivate) {
            pkg.setPrivate(makePrivate);
            events.publishEvent(new PackageVisibilityChanged(pkg.getNormalizedName(), makePrivate));
        }
        return new Visibility(pkg.getNormalizedName(), pkg.isPrivate());
    }

    @Transactional(readOnly = true)
    Maintainers maintainers(AccountPrincipal caller, String name) {
        Package pkg = visible(caller, name, false);
        if (!isAdmin(caller) && role(pkg, caller).isEmpty()) {
            throw ApiProblem.forbidden("Only the package's maintainers may see who maintains it.");
        }
        return new Maintainers(pkg.getNormalizedName(), pkg.getMaintainers().stream().map(MaintainerView::of).toList());
    }

    /** Adds a maintainer, or changes an existing maintainer's role; true if added. */
    @Transactional
    Change addMaintainer(AccountPrincipal caller, String name, String email, String roleName) {
        MaintainerRole role = parseRole(roleName);
        Package pkg = manageable(caller, name);
        User user = users.findByEmail(email.trim()).orElseThrow(ApiProblem::unknownAccount);
        Optional<Maintainer> existing = pkg.getMaintainers().stream().filter(m -> m.getUser().equals(user)).findFirst();
        if (existing.isPresent()) {
            Maintainer maintainer = existing.get();
            if (maintainer.getRole() == MaintainerRole.OWNER && role != MaintainerRole.OWNER && owners(pkg) == 1) {
                throw ApiProblem.lastOwner();
            }
            maintainer.setRole(role);
            return new Change(false, MaintainerView.of(maintainer));
        }
        Maintainer added = pkg.addMaintainer(user, role);
        packages.flush(); // inserts it now, reading back its creation time (@Generated)
        return new Change(true, MaintainerView.of(added));
    }

    @Transactional
    void removeMaintainer(AccountPrincipal caller, String name, long userId) {
        Package pkg = manageable(caller, name);
        Maintainer maintainer = pkg.getMaintainers()
            .stream()
            .filter(m -> m.getUser().getId() == userId)
            .findFirst()
            .orElseThrow(ApiProblem::notAMaintainer);
        if (maintainer.getRole() == MaintainerRole.OWNER && owners(pkg) == 1) {
            throw ApiProblem.lastOwner();
        }
        pkg.removeMaintainer(maintainer.getUser());
    }

    private Package manageable(AccountPrincipal caller, String name) {
        Package pkg = visible(caller, name, true);
        if (!isAdmin(caller) && role(pkg, caller).filter(r -> r == MaintainerRole.OWNER).isEmpty()) {
            throw ApiProblem.forbidden("Only the package's owners may change its maintainers and visibility.");
        }
        return pkg;
    }

    /**
     * The package if the caller may see it: admins see every package, others what
     * {@link PackageAccess} shows.
     */
    private Package visible(AccountPrincipal caller, String name, boolean forUpdate) {
        Long id;
        if (isAdmin(caller)) {
            id = name != null && ProjectNames.isValid(name)
                    ? packages.findByNormalizedName(ProjectNames.normalize(name)).map(Package::getId).orElse(null)
                    : null;
        }
        else {
            id = packageAccess.find(name).map(VisiblePackage::id).orElse(null);
        }
        Package pkg = (id == null ? Optional.<Package>empty()
                : forUpdate ? packages.findByIdForUpdate(id) : packages.findById(id))
            .orElseThrow(() -> new UnknownPackageException(name));
        // The maintainers' users as loaded entities before the collection:
        // User.removeMaintainership compares the
        // maintainer's user by reference, which a lazy proxy in its place would fail.
        users.findMaintainersOf(pkg);
        return pkg;
    }

    private static Optional<MaintainerRole> role(Package pkg, AccountPrincipal caller) {
        return pkg.getMaintainers()
            .stream()
            .filter(m -> m.getUser().getId() == caller.userId())
            .map(Maintainer::getRole)
            .findFirst();
    }

    private static long owners(Package pkg) {
        return pkg.getMaintainers().stream().filter(m -> m.getRole() == MaintainerRole.OWNER).count();
    }

    private boolean isAdmin(AccountPrincipal caller) {
        return properties.isAdmin(caller.email());
    }

    private static MaintainerRole parseRole(String role) {
        if (role == null) {
            return MaintainerRole.MAINTAINER;
        }
        try {
            return MaintainerRole.valueOf(role.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw ApiProblem.invalidRequest("role", "role must be OWNER or MAINTAINER");
        }
    }

    record Visibility(@JsonProperty("package") String pkg, @JsonProperty("private") boolean isPrivate) {
    }

    record Maintainers(@JsonProperty("package") String pkg, List<MaintainerView> maintainers) {
    }

    record MaintainerView(@JsonProperty("user_id") long userId, String name, String email, String role, Instant since) {

        static MaintainerView of(Maintainer maintainer) {
            User user = maintainer.getUser();
            return new MaintainerView(user.getId(), user.getName(), user.getEmail(), maintainer.getRole().name(),
                    maintainer.getCreatedAt());
        }
    }

    record Change(boolean added, MaintainerView maintainer) {
    }

}
