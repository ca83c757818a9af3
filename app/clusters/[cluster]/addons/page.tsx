import { getTranslations } from "next-intl/server";
import { clusterForPage, pagePermissions, requirePageActor } from "@/lib/server/pages";
import { PermissionsProvider } from "@/components/permissions";
import { ClusterBreadcrumb } from "@/components/cluster-breadcrumb";
import { AddonsView } from "@/components/addons/addons-view";

export const dynamic = "force-dynamic";

export default async function AddonsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const cluster = await clusterForPage(params);
  const permissions = await pagePermissions(cluster.id, await requirePageActor());
  const t = await getTranslations("addons");
  return (
    <section className="space-y-4">
      <ClusterBreadcrumb cluster={cluster.id} page={t("title")} />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <PermissionsProvider value={permissions}>
        <AddonsView cluster={cluster.id} />
      </PermissionsProvider>
    </section>
  );
}
