package io.pkgpulse.reporting.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.pkgpulse.reporting.problems.ApiProblem;
import io.pkgpulse.reporting.security.InputRules;

/**
 * What a new password must be (at sign-up and reset; login checks nothing but the hash):
 * <ol>
 * <li>{@code length}: 12 to 128 characters;</li>
 * <li>{@code personal-data}: not containing the e-mail address's local part or the name,
 * nor any part of them of three or more letters or digits, whatever the letter case;</li>
 * <li>{@code common-password}: not one of the most common passwords
 * ({@code common-passwords.txt});</li>
 * <li>{@code repetition}: not one character or a sequence of up to four repeated
 * ({@code abcabcabcabc}).</li>
 * </ol>
 * A violation is a 400 problem whose {@code rule} names the first rule broken. The
 * password itself never appears in the message.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;

    public static final int MAX_LENGTH = InputRules.MAX_PASSWORD_LENGTH;

    private static final int MIN_PART = 3;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("common-passwords.txt");
    }

    /**
     * @throws ApiProblem 400 naming the rule the password breaks
     */
    public void check(String password, String email, String name) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw ApiProblem.weakPassword("length",
                    "The password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        for (String personal : personalParts(email, name)) {
            if (lower.contains(personal)) {
                throw ApiProblem.weakPassword("personal-data",
                        "The password must not contain your e-mail address or your name.");
            }
        }
        if (common.contains(lower)) {
            throw ApiProblem.weakPassword("common-password",
                    "This password is one of the most commonly used passwords; choose another.");
        }
        if (repeats(lower)) {
            throw ApiProblem.weakPassword("repetition",
                    "The password must not be one character or a short sequence repeated.");
        }
    }

    private static List<String> personalParts(String email, String name) {
        List<String> parts = new ArrayList<>();
        if (email != null) {
            int at = email.lastIndexOf('@');
            addParts(parts, at > 0 ? email.substring(0, at) : email);
        }
        addParts(parts, name);
        return parts;
    }

    private static void addParts(List<String> parts, String text) {
        if (text == null) {
            return;
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.length() >= MIN_PART) {
            parts.add(lower);
        }
        for (String part : lower.split("[^\\p{L}\\p{N}]+")) {
            if (part.length() >= MIN_PART) {
                parts.add(part);
            }
        }
    }

    private static boolean repeats(String password) {
        for (int period = 1; period <= 4; period++) {
            boolean periodic = true;
            for (int i = period; i < password.length() && periodic; i++) {
                periodic = password.charAt(i) == password.charAt(i - period);
            }
            if (periodic) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> load(String resource) {
        Set<String> passwords = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    passwords.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return Set.copyOf(passwords);
    }

}
