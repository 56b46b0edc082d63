package io.pkgpulse.reporting.problems;

/** A parameter the caller can fix: reported as 400 with the parameter's name. */
public class BadRequestException extends RuntimeException {

    private final String parameter;

    public BadRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

}
