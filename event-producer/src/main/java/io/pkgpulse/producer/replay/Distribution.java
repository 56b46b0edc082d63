package io.pkgpulse.producer.replay;

/**
 * What a distribution file's name says.
 *
 * @param project the project name as written in the filename ({@code typing_extensions},
 * {@code zope.interface})
 * @param type PyPI's file type: {@code bdist_wheel}, {@code sdist}, ...
 * @param notADownload a {@code .metadata} or {@code .asc} fetch beside the file, which
 * PyPI does not count
 */
public record Distribution(String filename, String project, String version, String type, boolean notADownload) {
}
