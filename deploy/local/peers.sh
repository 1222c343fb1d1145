# shellcheck shell=bash
# Reference peers from Debian packages, for tests and local runs (recipes: /work/shared/PEERS.md).
# Sourced by tests/run.sh. One function per peer: `peers_require_X` installs X when it is missing;
# services (RabbitMQ, PostgreSQL, Orthanc) get `peers_start_X`/`peers_stop_X` on loopback when a test needs them.

_peers_apt_updated=0

# Installs Debian packages as root (or through password-less sudo); `apt-get update` runs at most once.
peers_apt_install() {
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            echo "peers: need root (or password-less sudo) to install: $*" >&2
            return 1
        fi
    fi
    if [ "$_peers_apt_updated" -eq 0 ]; then
        echo "peers: apt-get update"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
        _peers_apt_updated=1
    fi
    echo "peers: installing $*"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" </dev/null
}

# DCMTK: dcmdump, storescu/storescp, echoscu, findscu, ... (reference for dumps and for the DICOM network layer).
peers_require_dcmtk() {
    if command -v dcmdump >/dev/null 2>&1; then
        echo "peers: dcmtk present ($(dcmdump --version 2>/dev/null | head -n 1))"
        return 0
    fi
    peers_apt_install dcmtk
}

# dicom3tools: dciodvfy, the IOD validator the SEG writer's tests run (PS3.3 module and attribute checks).
peers_require_dicom3tools() {
    if command -v dciodvfy >/dev/null 2>&1; then
        echo "peers: dicom3tools present"
        return 0
    fi
    peers_apt_install dicom3tools
}

# Orthanc: a real PACS (C-STORE/C-FIND/C-MOVE peer and REST API). Tests start their own instance on free loopback
# ports with a private configuration; the Debian service itself is never used.
peers_require_orthanc() {
    if command -v Orthanc >/dev/null 2>&1; then
        echo "peers: orthanc present ($(Orthanc --version 2>/dev/null | head -n 1))"
        return 0
    fi
    peers_apt_install orthanc
    # The package may start its own daemon on the default ports; tests never use it.
    if command -v service >/dev/null 2>&1; then service orthanc stop >/dev/null 2>&1 || true; fi
}

# RabbitMQ: the broker of the distributed mode. Tests start private nodes with deploy/local/rabbitmq.sh (own name, ports
# and data folder on loopback); the Debian service itself is never used.
peers_require_rabbitmq() {
    if [ -x /usr/sbin/rabbitmq-server ] || command -v rabbitmq-server >/dev/null 2>&1; then
        echo "peers: rabbitmq-server present ($(dpkg-query -W -f '${Version}' rabbitmq-server 2>/dev/null || echo 'version unknown'))"
        return 0
    fi
    peers_apt_install rabbitmq-server
    # The package may start its own node on the default ports; tests never use it.
    if command -v service >/dev/null 2>&1; then service rabbitmq-server stop >/dev/null 2>&1 || true; fi
}

# PostgreSQL server binaries (initdb, pg_ctl, postgres) for private clusters started by deploy/local/postgres.sh; the
# package's own cluster is never used by tests.
peers_require_postgresql() {
    local initdb
    initdb="$(peers_postgresql_bin 2>/dev/null)/initdb"
    if [ -x "$initdb" ]; then
        echo "peers: postgresql present ($("$initdb" --version 2>/dev/null | head -n 1))"
        return 0
    fi
    peers_apt_install postgresql
    # The package may start its own cluster on the default port; tests never use it.
    if command -v pg_ctlcluster >/dev/null 2>&1; then pg_ctlcluster --force 15 main stop >/dev/null 2>&1 || true; fi
}

# The folder holding initdb/pg_ctl/postgres: $PG_BIN when set, else the newest /usr/lib/postgresql/N/bin (15 preferred).
peers_postgresql_bin() {
    if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return 0; fi
    if [ -x /usr/lib/postgresql/15/bin/initdb ]; then echo /usr/lib/postgresql/15/bin; return 0; fi
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    return 1
}

# CharLS (JPEG-LS) and OpenJPEG (JPEG 2000, HTJ2K): the system libraries the native pixel codecs load at run time
# (libs/Imaging.Dicom.Codecs.Native), and opj_compress/opj_decompress the tests compare against.
peers_require_codecs() {
    local missing=() libs
    # ldconfig lives in /sbin, which a non-root PATH may lack.
    libs="$({ command -v ldconfig >/dev/null 2>&1 && ldconfig -p; } 2>/dev/null || /sbin/ldconfig -p 2>/dev/null)"
    grep -q 'libcharls\.so\.2 ' <<<"$libs" || missing+=(libcharls2)
    grep -q 'libopenjp2\.so\.7 ' <<<"$libs" || missing+=(libopenjp2-7)
    command -v opj_decompress >/dev/null 2>&1 || missing+=(libopenjp2-tools)
    if [ "${#missing[@]}" -eq 0 ]; then
        echo "peers: codecs present (libcharls2 $(dpkg-query -W -f '${Version}' libcharls2 2>/dev/null || echo '?'), libopenjp2-7 $(dpkg-query -W -f '${Version}' libopenjp2-7 2>/dev/null || echo '?'))"
        return 0
    fi
    peers_apt_install "${missing[@]}"
}

# Chromium: the headless browser the UI tests drive through Playwright (tests/Imaging.Browser.Tests); the Debian build is
# used as it is (Playwright's own browser download is never needed).
peers_require_chromium() {
    if [ -x /usr/bin/chromium ]; then
        echo "peers: chromium present ($(/usr/bin/chromium --version 2>/dev/null | head -n 1))"
        return 0
    fi
    peers_apt_install chromium
}
