package io.pkgpulse.bench.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

import io.pkgpulse.model.downloads.Download;

interface DownloadRepository extends JpaRepository<Download, Long> {

}
