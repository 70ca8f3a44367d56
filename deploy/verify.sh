#!/usr/bin/env bash
# Verifies the deployment kit on a Debian host with what Debian's packages give (run as root):
#   1. the systemd unit: systemd-analyze verify and security (exposure <= 2.0);
#   2. the alert rules: promtool check and test;
#   3. the container image: podman builds deploy/docker/Dockerfile FROM a Node.js base made
#      locally (debootstrap + this host's node and npm) when no registry image is wanted or
#      reachable, then the image is started and must answer /readyz, and its HEALTHCHECK command
#      must pass. Where no OCI runtime can start a container (a sandbox that forbids setrlimit,
#      as on the machine this kit was written on), the image's own filesystem, user, entrypoint
#      and healthcheck run under chroot instead, and the script says so.
# Not verifiable with Debian's packages: the Helm chart's rendering (no helm binary); see
# deploy/helm/README.md.
#
# Usage: deploy/verify.sh [--skip-image]      Needs: podman debootstrap systemd prometheus
set -euo pipefail
cd "$(dirname "$0")/.."

WORK="${IONMESH_VERIFY_DIR:-/tmp/ionmesh-verify}"
BASE_IMAGE=localhost/ionmesh-node-base:20
IMAGE=localhost/ionmesh:verify
PORT="${IONMESH_VERIFY_PORT:-5077}"
mkdir -p "$WORK"

step() { printf '\n== %s\n' "$*"; }

step "systemd unit"
systemd-analyze verify deploy/systemd/ionmesh.service
systemd-analyze security --offline=true --threshold=20 deploy/systemd/ionmesh.service | tail -n 1

step "alert rules"
promtool check rules deploy/prometheus/alerts.yml
promtool test rules deploy/prometheus/alerts.test.yml
promtool check config --syntax-only deploy/compose/prometheus/prometheus.yml

[ "${1:-}" = "--skip-image" ] && exit 0

step "a Node.js base image made locally from Debian's packages"
if ! podman image exists "$BASE_IMAGE"; then
  rootfs="$WORK/rootfs"
  [ -x "$rootfs/bin/sh" ] || debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" http://deb.debian.org/debian
  cp "$(readlink -f "$(command -v node)")" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules"
  rm -rf "$rootfs/usr/local/lib/node_modules/npm"
  cp -a "$(npm root -g)/npm" "$rootfs/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  # This host's CA bundle: where an egress proxy re-signs TLS, npm inside the build needs it.
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  tar -C "$rootfs" -c . | podman import \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$BASE_IMAGE"
fi

step "the image (deploy/docker/Dockerfile)"
# Docker format keeps the HEALTHCHECK (OCI images have none); chroot isolation needs no cgroups.
podman build --format docker --isolation chroot --network host \
  --build-arg NODE_IMAGE="$BASE_IMAGE" -f deploy/docker/Dockerfile -t "$IMAGE" .
user="$(podman image inspect "$IMAGE" --format '{{.Config.User}}')"
[ "$user" = "10001:10001" ] || { echo "the image runs as '$user', not 10001:10001"; exit 1; }
health="$(podman image inspect "$IMAGE" --format '{{json .Config.Healthcheck.Test}}')"
echo "user $user; healthcheck $health"

ready() {
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$PORT/readyz" && return 0
    sleep 1
  done
  return 1
}

step "the image runs and answers /readyz"
podman rm -f ionmesh-verify >/dev/null 2>&1 || true
if podman run -d --name ionmesh-verify --network host -e IONMESH_PORT="$PORT" -e IONMESH_HOST=127.0.0.1 "$IMAGE" >/dev/null 2>"$WORK/run.err"; then
  ready
  podman healthcheck run ionmesh-verify && echo "HEALTHCHECK: healthy"
  podman stop -t 20 ionmesh-verify >/dev/null
  podman rm ionmesh-verify >/dev/null
  echo "verified under an OCI runtime"
else
  echo "no OCI runtime can start a container here: $(tr '\n' ' ' <"$WORK/run.err")"
  echo "running the image's filesystem under chroot instead (same user, entrypoint and healthcheck)"
  podman rm -f ionmesh-verify >/dev/null 2>&1 || true
  podman create --name ionmesh-verify "$IMAGE" >/dev/null
  root="$(podman mount ionmesh-verify)"
  mount --bind /proc "$root/proc"
  mount --bind /dev "$root/dev"
  cleanup() {
    [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    umount "$root/proc" "$root/dev" 2>/dev/null || true
    podman umount ionmesh-verify >/dev/null 2>&1 || true
    podman rm -f ionmesh-verify >/dev/null 2>&1 || true
  }
  trap cleanup EXIT
  env_args=()
  while IFS= read -r kv; do env_args+=("$kv"); done < <(podman image inspect "$IMAGE" --format '{{range .Config.Env}}{{println .}}{{end}}' | sed '/^$/d')
  env -i "${env_args[@]}" IONMESH_PORT="$PORT" IONMESH_HOST=127.0.0.1 \
    chroot --userspec=10001:10001 "$root" /bin/sh -c 'cd /var/lib/ionmesh && exec ionmesh serve' >"$WORK/serve.log" 2>&1 &
  pid=$!
  ready || { cat "$WORK/serve.log"; exit 1; }
  echo
  # The HEALTHCHECK's own command, inside the image.
  env -i "${env_args[@]}" IONMESH_PORT="$PORT" chroot --userspec=10001:10001 "$root" \
    node -e "fetch('http://127.0.0.1:' + (process.env.IONMESH_PORT || 5000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" &&
    echo "HEALTHCHECK command: healthy"
  ls -ln "$root/var/lib/ionmesh" | sed -n '1,5p'
  kill -TERM "$pid"
  wait "$pid" && echo "stopped cleanly on SIGTERM"
  pid=
  echo "verified under chroot (not under an OCI runtime)"
fi
