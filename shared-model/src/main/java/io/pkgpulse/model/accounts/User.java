package io.pkgpulse.model.accounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An account. The e-mail address is unique whatever its letter case (a unique index on
 * {@code lower(email)}). The password exists only as a salted, iterated hash; the raw
 * password is never stored and never printed.
 */
@Entity
@Table(name = "users")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_seq")
    @SequenceGenerator(name = "users_seq", sequenceName = "users_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 255)
    private String passwordHash;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @OneToMany(mappedBy = "user", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id ASC")
    private List<Maintainer> maintainerships = new ArrayList<>();

    @OneToMany(mappedBy = "user", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt ASC")
    private List<PasswordReset> passwordResets = new ArrayList<>();

    @OneToMany(mappedBy = "user", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id ASC")
    private List<ApiKey> apiKeys = new ArrayList<>();

    protected User() {
    }

    /**
     * A new account whose password is stored as {@code encoder}'s hash of
     * {@code rawPassword}.
     */
    public User(String name, String email, String rawPassword, PasswordEncoder encoder) {
        this.name = name;
        this.email = email;
        changePassword(rawPassword, encoder);
    }

    /** Replaces the stored hash with a new one (new salt) of {@code rawPassword}. */
    public void changePassword(String rawPassword, PasswordEncoder encoder) {
        if (rawPassword == null || rawPassword.isEmpty()) {
            throw new IllegalArgumentException("A password must not be empty");
        }
        this.passwordHash = encoder.encode(rawPassword);
    }

    /**
     * Whether {@code rawPassword} is this user's password; the comparison takes constant
     * time.
     */
    public boolean passwordMatches(String rawPassword, PasswordEncoder encoder) {
        return rawPassword != null && encoder.matches(rawPassword, passwordHash);
    }

    /** Records a successful login. */
    public void loggedIn(Instant at) {
        this.lastLoginAt = at;
    }

    /**
     * Called by {@code Package.addMaintainer}, which creates the maintainership for this
     * user.
     */
    public void addMaintainership(Maintainer maintainer) {
        requireOwn(maintainer);
        maintainerships.add(maintainer);
    }

    /** Called by {@code Package.removeMaintainer}. */
    public void removeMaintainership(Maintainer maintainer) {
        requireOwn(maintainer);
        maintainerships.remove(maintainer);
    }

    private void requireOwn(Maintainer maintainer) {
        if (maintainer.getUser() != this) {
            throw new IllegalArgumentException(maintainer + " belongs to another user");
        }
    }

    /** Adds a reset to this user's list; {@link PasswordReset}'s constructor calls it. */
    void addPasswordReset(PasswordReset reset) {
        passwordResets.add(reset);
    }

    /** Adds a key to this user's list; {@link ApiKey#generate} calls it. */
    void addApiKey(ApiKey apiKey) {
        apiKeys.add(apiKey);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    /**
     * The hash, with its algorithm, parameters and salt, e.g.
     * {@code {argon2}$argon2id$v=19$m=16384,...}.
     */
    public String getPasswordHash() {
        return passwordHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    /**
     * The packages this user maintains; change through
     * {@code Package.addMaintainer}/{@code removeMaintainer}.
     */
    public List<Maintainer> getMaintainerships() {
        return Collections.unmodifiableList(maintainerships);
    }

    public List<PasswordReset> getPasswordResets() {
        return Collections.unmodifiableList(passwordResets);
    }

    /** This user's API keys, revoked ones too; create with {@link ApiKey#generate}. */
    public List<ApiKey> getApiKeys() {
        return Collections.unmodifiableList(apiKeys);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof User that && id != null && id.equals(that.getId());
    }

    @Override
    public int hashCode() {
        return User.class.hashCode();
    }

    /** Never prints the e-mail address or the password hash. */
    @Override
    public String toString() {
        return "User[id=" + id + "]";
    }

}
