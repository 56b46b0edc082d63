package io.pkgpulse.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionFilenameTest {

    @ParameterizedTest
    @CsvSource({ "numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, numpy, 2.1.3, bdist_wheel",
            "zope.interface-7.1.1.tar.gz, zope.interface, 7.1.1, sdist",
            "backports.zoneinfo-0.2.1-cp38-cp38-win_amd64.whl, backports.zoneinfo, 0.2.1, bdist_wheel",
            "typing_extensions-4.12.2-py3-none-any.whl, typing_extensions, 4.12.2, bdist_wheel",
            "pywin32-306-cp312-cp312-win_amd64.whl, pywin32, 306, bdist_wheel",
            "requests-2.32.3.tar.gz, requests, 2.32.3, sdist",
            "Django-5.1.3-py3-none-any.whl, Django, 5.1.3, bdist_wheel",
            "python-dateutil-2.9.0.post0.tar.gz, python-dateutil, 2.9.0.post0, sdist",
            "python_dateutil-2.9.0.post0-py2.py3-none-any.whl, python_dateutil, 2.9.0.post0, bdist_wheel",
            "torch-2.5.1+cpu-cp312-cp312-linux_x86_64.whl, torch, 2.5.1+cpu, bdist_wheel",
            "pip-24.3.1-1-py3-none-any.whl, pip, 24.3.1, bdist_wheel",
            "charset-normalizer-3.4.0.tar.gz, charset-normalizer, 3.4.0, sdist",
            "pywin32-ctypes-0.2.3.zip, pywin32-ctypes, 0.2.3, sdist",
            "foo-bar-2.0.0rc1.tar.gz, foo-bar, 2.0.0rc1, sdist", "Twisted-24.10.0.tar.bz2, Twisted, 24.10.0, sdist",
            "setuptools-0.6c11-py2.7.egg, setuptools, 0.6c11, bdist_egg",
            "pywin32-306.win-amd64-py3.12.exe, pywin32, 306, bdist_wininst",
            "psycopg2-2.9.10.win32-py3.8.msi, psycopg2, 2.9.10, bdist_msi",
            "pyfoo-1.0-1.noarch.rpm, pyfoo, 1.0, bdist_rpm",
            "matplotlib-1.1.0-py2.7-python.org-macosx10.3.dmg, matplotlib, 1.1.0, bdist_dmg", })
    void readsProjectVersionAndType(String filename, String project, String version, String type) {
        Distribution distribution = DistributionFilename.parse(filename).orElseThrow();
        assertThat(distribution.project()).isEqualTo(project);
        assertThat(distribution.version()).isEqualTo(version);
        assertThat(distribution.type()).isEqualTo(type);
        assertThat(distribution.filename()).isEqualTo(filename);
        assertThat(distribution.notADownload()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({ "numpy-2.1.3-cp312-cp312-win_amd64.whl.metadata, numpy, bdist_wheel",
            "requests-2.32.3.tar.gz.asc, requests, sdist", })
    void recognisesMetadataAndSignatureFetches(String filename, String project, String type) {
        Distribution distribution = DistributionFilename.parse(filename).orElseThrow();
        assertThat(distribution.project()).isEqualTo(project);
        assertThat(distribution.type()).isEqualTo(type);
        assertThat(distribution.notADownload()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "index.html", "requests", "numpy-2.1.3.whl", "numpy-2.1.3-cp312-x-y-z-w-v.whl",
            "-1.0.tar.gz", "README.md", "foo.tar.gz", "café-1.0.tar.gz", "robots.txt", "numpy-2.1.3-cp312-cp312-.whl" })
    void ignoresEverythingElse(String filename) {
        assertThat(DistributionFilename.parse(filename)).isEmpty();
    }

}
