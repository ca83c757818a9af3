"use client";
// vpcId, securityGroupId, resourceGroupId and the three switches of eci-profile. With the region's facts the IDs
// are picked from lists; without them (no cloud credentials) they are typed and only their format is checked.
import { useTranslations } from "next-intl";
import type { EciProfileFields } from "@/lib/eci-profile";
import type { NetworkFacts } from "@/lib/eci-profile";
import { messagesAt, type FormFindings } from "@/lib/eci-profile";
import { FieldNotes } from "./field-notes";

type SetField = <K extends keyof EciProfileFields>(key: K, value: EciProfileFields[K]) => void;

// Their label and help are catalogue entries eciProfile.network.<key>.label / .help.
const SWITCHES = [{ key: "enableClusterIp" }, { key: "enableHybridMode" }, { key: "enablePrivateZone" }] as const;

function IdSelect({
  label,
  field,
  value,
  options,
  onChange,
  findings,
  placeholder,
}: {
  label: string;
  field: string;
  value: string;
  /** undefined: no list known, type the ID */
  options?: { id: string; text: string }[];
  onChange: (v: string) => void;
  findings: FormFindings;
  placeholder: string;
}) {
  const listed = options?.some((o) => o.id === value);
  const t = useTranslations("eciProfile.network");
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the select or the input below, chosen at run time
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      {options ? (
        <select value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-slate-300 px-2 py-1 font-mono">
          {!listed && (
            <option value={value}>
              {value || t("none")}
              {value ? t("notFoundHere") : ""}
            </option>
          )}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.text}
            </option>
          ))}
        </select>
      ) : (
        <input value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} className="rounded border border-slate-300 px-2 py-1 font-mono" />
      )}
      <FieldNotes errors={messagesAt(findings.errors, field)} warnings={messagesAt(findings.warnings, field)} />
    </label>
  );
}

export function NetworkFields({ fields, set, facts, findings }: { fields: EciProfileFields; set: SetField; facts?: NetworkFacts; findings: FormFindings }) {
  const vpcs = facts?.vpcs.map((v) => ({ id: v.vpcId, text: `${v.vpcId} · ${v.name} · ${v.cidrBlock}` }));
  const t = useTranslations("eciProfile.network");
  const groups = facts?.securityGroups.filter((g) => g.vpcId === fields.vpcId).map((g) => ({ id: g.securityGroupId, text: `${g.securityGroupId} · ${g.name}` }));
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <IdSelect label={t("vpc")} field="vpcId" value={fields.vpcId} options={vpcs} onChange={(v) => set("vpcId", v)} findings={findings} placeholder={t("vpcPlaceholder")} />
      <IdSelect
        label={t("securityGroup")}
        field="securityGroupId"
        value={fields.securityGroupId}
        options={groups}
        onChange={(v) => set("securityGroupId", v)}
        findings={findings}
        placeholder={t("securityGroupPlaceholder")}
      />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{t("resourceGroup")}</span>
        <input
          value={fields.resourceGroupId}
          onChange={(e) => set("resourceGroupId", e.target.value)}
          placeholder={t("resourceGroupPlaceholder")}
          className="rounded border border-slate-300 px-2 py-1 font-mono"
        />
        <FieldNotes errors={messagesAt(findings.errors, "resourceGroupId")} />
      </label>
      {SWITCHES.map((s) => (
        <label key={s.key} className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={fields[s.key]} onChange={(e) => set(s.key, e.target.checked)} className="mt-1" />
          <span>
            <span className="font-medium">{t(`${s.key}.label`)}</span> <code className="text-xs text-slate-500">{s.key}</code>
            <br />
            <span className="text-slate-600">{t(`${s.key}.help`)}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
