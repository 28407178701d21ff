#!/bin/sh
# docker-setup.sh: make this machine ready for the docker suite (issue 5). Idempotent.
# Installs Debian's Docker engine and the host packages the offline images are built from, then
# starts dockerd in the background (unless an engine already answers) and waits for its socket.
# Needs root and an apt mirror. Exits non-zero if the engine does not answer within 60 s.
set -eu

PACKAGES="docker.io etcd-server etcd-client redis-server redis-tools iptables iproute2 gcc libc6-dev openssh-server"
SOCK="${DOCKER_SOCK:-/var/run/docker.sock}"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -n "$missing" ]; then
  echo "docker-setup: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  # shellcheck disable=SC2086
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing
  # The Debian packages start their own services when an init system runs; faultline starts its own
  # stores inside containers, so stop host instances that would only hold ports.
  for svc in etcd redis-server ssh; do
    if command -v service >/dev/null 2>&1; then service "$svc" stop >/dev/null 2>&1 || true; fi
  done
fi

engine_answers() {
  if [ -n "${DOCKER_HOST:-}" ]; then
    docker version >/dev/null 2>&1
  else
    [ -S "$SOCK" ] && curl -fsS --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1
  fi
}

if engine_answers; then
  echo "docker-setup: engine already answers"
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ]; then
  echo "docker-setup: DOCKER_HOST=$DOCKER_HOST does not answer" >&2
  exit 1
fi

echo "docker-setup: starting dockerd"
setsid nohup dockerd >/var/log/dockerd.log 2>&1 < /dev/null &

i=0
while [ $i -lt 120 ]; do
  if engine_answers; then
    echo "docker-setup: engine ready after $((i / 2)) s"
    exit 0
  fi
  sleep 0.5
  i=$((i + 1))
done
echo "docker-setup: dockerd did not answer within 60 s; see /var/log/dockerd.log" >&2
tail -n 20 /var/log/dockerd.log >&2 || true
exit 1
