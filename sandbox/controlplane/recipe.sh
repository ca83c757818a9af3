# What decides the control-plane binaries (sourced by build.sh, and hashed into the cache key with the Go module
# files): the Kubernetes version, build tags, linker flags, Go settings and the packages built. Progress display
# and messages live in build.sh, so changing those never invalidates a cached build.
K8S_VERSION=v1.36.3   # keep equal to go.mod
K8S_TAGS=selinux,notest,grpcnotrace
K8S_PKGS=(k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler)
ETCD_PKG=go.etcd.io/etcd/server/v3
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-buildvcs=false -trimpath"
k8s_ldflags() {
  local major=${K8S_VERSION#v} minor=${K8S_VERSION#v*.} ld="-s -w" kv
  major=${major%%.*}; minor=${minor%%.*}
  for kv in "gitVersion=$K8S_VERSION" "gitMajor=$major" "gitMinor=$minor" "gitTreeState=clean" \
            "gitCommit=0000000000000000000000000000000000000000" "buildDate=1970-01-01T00:00:00Z"; do
    ld+=" -X k8s.io/component-base/version.$kv -X k8s.io/client-go/pkg/version.$kv"
  done
  echo "$ld"
}
# build_k8s DIR OUT / build_etcd DIR OUT: -v prints each package as it is compiled (build.sh counts them).
build_k8s() { (cd "$1" && go build -v -p "$(nproc)" -tags="$K8S_TAGS" -ldflags="$(k8s_ldflags)" -o "$2/" "${K8S_PKGS[@]}"); }
build_etcd() { (cd "$1" && go build -v -ldflags="-s -w" -o "$2/etcd" "$ETCD_PKG"); }
