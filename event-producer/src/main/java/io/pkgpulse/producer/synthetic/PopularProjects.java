package io.pkgpulse.producer.synthetic;

import java.util.List;

/**
 * The head of the distribution: real projects among PyPI's most downloaded, in roughly
 * their order, spelled as on PyPI (so {@code PyYAML}, {@code typing_extensions} and
 * {@code zope.interface} exercise normalisation). Projects with compiled extensions
 * publish platform wheels.
 */
final class PopularProjects {

    record Popular(String name, boolean binary) {
    }

    static final List<Popular> ALL = List.of(pure("boto3"), pure("urllib3"), pure("botocore"), pure("requests"),
            pure("setuptools"), pure("certifi"), pure("idna"), binary("charset-normalizer"), pure("typing_extensions"),
            pure("python-dateutil"), pure("packaging"), pure("s3transfer"), pure("six"), binary("numpy"),
            binary("PyYAML"), pure("aiobotocore"), pure("grpcio-status"), pure("pip"), binary("cryptography"),
            pure("fsspec"), pure("s3fs"), pure("pydantic"), binary("cffi"), pure("attrs"), pure("pycparser"),
            pure("google-api-core"), pure("jmespath"), binary("pandas"), pure("importlib_metadata"), binary("protobuf"),
            pure("rsa"), pure("zipp"), pure("pyasn1"), pure("click"), pure("wheel"), pure("platformdirs"),
            binary("pydantic_core"), pure("Jinja2"), binary("MarkupSafe"), pure("pytz"), pure("awscli"),
            pure("colorama"), pure("filelock"), pure("tomli"), pure("virtualenv"), pure("cachetools"), pure("pluggy"),
            pure("PyJWT"), binary("wrapt"), pure("googleapis-common-protos"), binary("pyarrow"), pure("jsonschema"),
            pure("tzdata"), pure("annotated-types"), binary("SQLAlchemy"), pure("requests-oauthlib"), binary("psutil"),
            pure("iniconfig"), pure("pytest"), pure("exceptiongroup"), binary("zope.interface"), pure("Django"),
            binary("backports.zoneinfo"), binary("pywin32"));

    private PopularProjects() {
    }

    private static Popular pure(String name) {
        return new Popular(name, false);
    }

    private static Popular binary(String name) {
        return new Popular(name, true);
    }

}
