package io.pkgpulse.producer.synthetic;

/**
 * The machine and interpreter an installer runs on: what pip and uv describe in the JSON
 * of their user agent.
 *
 * @param distro null on Windows
 * @param setuptoolsVersion null when setuptools is not installed (pip then leaves it out)
 * @param ci whether it looks like a CI run; pip sends {@code true} or {@code null}
 */
record PythonEnvironment(String python, String implementationName, String implementationVersion, Distro distro,
        String systemName, String systemRelease, String cpu, String opensslVersion, String setuptoolsVersion,
        boolean ci) {

    /**
     * @param id the release code name ({@code bookworm}); null when the distribution has
     * none
     * @param libc null on musl and macOS
     */
    record Distro(String name, String version, String id, String libc, String libcVersion) {
    }

    /**
     * pip's agent document: keys sorted (pip's {@code json.dumps(sort_keys=True)});
     * {@code ci} is always there, {@code true} or {@code null}, other absent values are
     * left out.
     */
    String pipJson(String pipVersion) {
        ObjectJson json = ObjectJson.withNulls().put("ci", ci ? Boolean.TRUE : null).put("cpu", cpu);
        if (distro != null) {
            ObjectJson d = ObjectJson.withoutNulls().put("id", distro.id());
            if (distro.libc() != null) {
                d.put("libc", ObjectJson.withoutNulls().put("lib", distro.libc()).put("version", distro.libcVersion()));
            }
            json.put("distro", d.put("name", distro.name()).put("version", distro.version()));
        }
        json.put("implementation",
                ObjectJson.withoutNulls().put("name", implementationName).put("version", implementationVersion))
            .put("installer", ObjectJson.withoutNulls().put("name", "pip").put("version", pipVersion));
        if (opensslVersion != null) {
            json.put("openssl_version", opensslVersion);
        }
        json.put("python", python);
        if (setuptoolsVersion != null) {
            json.put("setuptools_version", setuptoolsVersion);
        }
        return json.put("system", ObjectJson.withoutNulls().put("name", systemName).put("release", systemRelease))
            .toString();
    }

    /** uv's agent document: its struct's field order, nulls written out. */
    String uvJson(String uvVersion) {
        ObjectJson d = null;
        if (distro != null) {
            d = ObjectJson.withNulls()
                .put("name", distro.name())
                .put("version", distro.version())
                .put("id", distro.id())
                .put("libc", distro.libc() == null ? null
                        : ObjectJson.withNulls().put("lib", distro.libc()).put("version", distro.libcVersion()));
        }
        return ObjectJson.withNulls()
            .put("installer", ObjectJson.withNulls().put("name", "uv").put("version", uvVersion))
            .put("python", python)
            .put("implementation",
                    ObjectJson.withNulls().put("name", implementationName).put("version", implementationVersion))
            .put("distro", d)
            .put("system", ObjectJson.withNulls().put("name", systemName).put("release", systemRelease))
            .put("cpu", cpu)
            .put("openssl_version", (String) null)
            .put("setuptools_version", (String) null)
            .put("rustc_version", (String) null)
            .put("ci", ci ? Boolean.TRUE : null)
            .toString();
    }
}
