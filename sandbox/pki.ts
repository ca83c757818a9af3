import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdir, writeFile, access } from "node:fs/promises";
import path from "node:path";

const run = promisify(execFile);

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  saKey: string;
  saPub: string;
  client(name: ClientIdentity): { cert: string; key: string };
  /**
   * etcd's own CA (as kubeadm's etcd/ca), so no certificate of the cluster CA (admin, controller-manager...) opens
   * etcd: the server certificate for 127.0.0.1, and the one client certificate etcd trusts, the apiserver's.
   */
  etcd: { caCert: string; serverCert: string; serverKey: string; apiserverClientCert: string; apiserverClientKey: string };
}

export type ClientIdentity = "admin" | "controller-manager" | "scheduler";

// CN is the user, O the group: the apiserver's bootstrap RBAC binds system:kube-* users to their roles.
const clientSubjects: Record<ClientIdentity, string> = {
  admin: "/O=system:masters/CN=sandbox-admin",
  "controller-manager": "/CN=system:kube-controller-manager",
  scheduler: "/CN=system:kube-scheduler",
};

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

async function openssl(cwd: string, args: string[]) {
  await run("openssl", args, { cwd });
}

async function makeCa(dir: string, subject: string) {
  await openssl(dir, [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "3650",
    "-subj",
    subject,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
  ]);
}

async function signLeaf(dir: string, name: string, subject: string, extensions: string) {
  await openssl(dir, ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject]);
  await writeFile(path.join(dir, `${name}.ext`), extensions);
  await openssl(dir, [
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "3650",
    "-extfile",
    `${name}.ext`,
    "-out",
    `${name}.crt`,
  ]);
}

/** Creates the sandbox cluster's CA, serving and client certificates once; later starts reuse them. */
export async function ensurePki(stateDir: string): Promise<Pki> {
  const dir = path.join(stateDir, "pki");
  const file = (name: string) => path.join(dir, name);
  if (!(await exists(file("done")))) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await makeCa(dir, "/CN=vnode-sandbox-ca");
    await signLeaf(
      dir,
      "apiserver",
      "/CN=kube-apiserver",
      "subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n" +
        "extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n",
    );
    for (const [name, subject] of Object.entries(clientSubjects)) {
      await signLeaf(dir, name, subject, "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
    }
    await openssl(dir, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "sa.key"]);
    await openssl(dir, ["pkey", "-in", "sa.key", "-pubout", "-out", "sa.pub"]);
    await writeFile(file("done"), new Date().toISOString());
  }
  // Separately marked, so a state dir from before etcd had TLS gets its etcd certificates on the next start.
  const etcdDir = path.join(dir, "etcd");
  const etcd = (name: string) => path.join(etcdDir, name);
  if (!(await exists(etcd("done")))) {
    await mkdir(etcdDir, { recursive: true, mode: 0o700 });
    await makeCa(etcdDir, "/CN=vnode-sandbox-etcd-ca");
    await signLeaf(
      etcdDir,
      "server",
      "/CN=etcd-server",
      "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n",
    );
    await signLeaf(etcdDir, "apiserver-etcd-client", "/CN=kube-apiserver-etcd-client", "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
    await writeFile(etcd("done"), new Date().toISOString());
  }
  return {
    dir,
    caCert: file("ca.crt"),
    caKey: file("ca.key"),
    apiserverCert: file("apiserver.crt"),
    apiserverKey: file("apiserver.key"),
    saKey: file("sa.key"),
    saPub: file("sa.pub"),
    client: (name) => ({ cert: file(`${name}.crt`), key: file(`${name}.key`) }),
    etcd: {
      caCert: etcd("ca.crt"),
      serverCert: etcd("server.crt"),
      serverKey: etcd("server.key"),
      apiserverClientCert: etcd("apiserver-etcd-client.crt"),
      apiserverClientKey: etcd("apiserver-etcd-client.key"),
    },
  };
}
