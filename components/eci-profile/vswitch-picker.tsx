"use client";
// eci-profile vSwitchIds: an ordered list (the add-on tries them in this order under VSwitchOrdered), at most 10,
// picked from the VPC's vSwitches with zone, CIDR, free IPs and status beside each.
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { MAX_VSWITCHES, expectedVirtualNodeNames, idFormatProblem } from "@/lib/eci-profile";
import type { VSwitchOption } from "@/lib/eci-profile";
import { messagesAt, type FieldMessage } from "@/lib/eci-profile";
import { FieldNotes } from "./field-notes";

interface Props {
  value: string[];
  onChange: (ids: string[]) => void;
  /** The region's vSwitches (undefined: not known, e.g. no cloud credentials). */
  vSwitches?: VSwitchOption[];
  vpcId: string;
  regionId: string;
  errors: FieldMessage[];
  warnings: FieldMessage[];
}

export function VSwitchPicker({ value, onChange, vSwitches, vpcId, regionId, errors, warnings }: Props) {
  const t = useTranslations("eciProfile.vSwitches");
  const translate = useTranslations();
  const facts = (v?: VSwitchOption) => (v ? t("facts", { zone: v.zoneId, cidr: v.cidrBlock, free: v.availableIpAddressCount, status: v.status }) : t("notFound"));
  const list = useRef<HTMLOListElement>(null);
  const [typed, setTyped] = useState("");
  const [typedProblem, setTypedProblem] = useState<string>();
  const full = value.length >= MAX_VSWITCHES;
  const byId = new Map((vSwitches ?? []).map((v) => [v.vSwitchId, v]));
  const available = (vSwitches ?? []).filter((v) => v.vpcId === vpcId && !value.includes(v.vSwitchId));
  const nodes = vSwitches ? expectedVirtualNodeNames(value, vSwitches, regionId) : [];

  // Keeps keyboard focus on the same control of the row that moved, so repeated presses keep moving it.
  const move = (from: number, to: number, control: string) => {
    const next = [...value];
    const [id] = next.splice(from, 1);
    next.splice(to, 0, id);
    onChange(next);
    requestAnimationFrame(() => {
      const row = list.current?.children[to];
      const button = row?.querySelector<HTMLButtonElement>(`[data-control="${control}"]:not(:disabled)`) ?? row?.querySelector<HTMLButtonElement>("button:not(:disabled)");
      button?.focus();
    });
  };
  const add = (id: string) => onChange([...value, id]);
  // The Add button goes away with its row: focus moves to the added vSwitch's row, where it can be ordered or removed.
  const addFromTable = (id: string) => {
    add(id);
    requestAnimationFrame(() => list.current?.lastElementChild?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus());
  };
  const addTyped = () => {
    const id = typed.trim();
    const problem = idFormatProblem("vsw", id, translate) ?? (value.includes(id) ? translate("validation.eciProfile.vSwitchAlreadyInList", { id }) : undefined);
    setTypedProblem(problem);
    if (problem) return;
    add(id);
    setTyped("");
  };

  return (
    <fieldset className="space-y-3" aria-describedby="vswitch-help">
      <legend className="font-semibold">{t("legend", { count: value.length, max: MAX_VSWITCHES })}</legend>
      <p id="vswitch-help" className="text-sm text-slate-600">
        {t("help")}
      </p>
      <FieldNotes errors={messagesAt(errors, "vSwitchIds")} warnings={messagesAt(warnings, "vSwitchIds")} />
      {value.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-3 text-sm text-slate-600">{t("noneSelected")}</p>
      ) : (
        <ol ref={list} aria-label={t("selectedLabel")} className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
          {value.map((id, i) => (
            <li key={id} data-testid="selected-vswitch" data-vswitch={id} className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm">
              <span className="w-6 text-slate-500">{i + 1}.</span>
              <code className="font-mono">{id}</code>
              <span className="text-slate-600">{facts(byId.get(id))}</span>
              <span className="flex-1" />
              <button
                type="button"
                data-control="up"
                disabled={i === 0}
                onClick={() => move(i, i - 1, "up")}
                aria-label={t("moveUp", { id })}
                className="rounded border border-slate-300 px-2 disabled:opacity-40"
              >
                ↑
              </button>
              <button
                type="button"
                data-control="down"
                disabled={i === value.length - 1}
                onClick={() => move(i, i + 1, "down")}
                aria-label={t("moveDown", { id })}
                className="rounded border border-slate-300 px-2 disabled:opacity-40"
              >
                ↓
              </button>
              <button
                type="button"
                onClick={() => onChange(value.filter((_, j) => j !== i))}
                aria-label={t("removeId", { id })}
                className="rounded border border-slate-300 px-2 text-red-700"
              >
                {t("remove")}
              </button>
              <div className="basis-full pl-8">
                <FieldNotes errors={messagesAt(errors, `vSwitchIds.${i}`)} warnings={messagesAt(warnings, `vSwitchIds.${i}`)} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {nodes.length > 0 && (
        <p className="text-sm text-slate-600" data-testid="expected-virtual-nodes">
          {t("expectedNodes")}{" "}
          {nodes.map((n) => (
            <code key={n} className="mr-2">
              {n}
            </code>
          ))}
        </p>
      )}

      {vSwitches && (
        <div>
          <h3 className="text-sm font-medium">{vpcId ? t("availableOf", { vpcId }) : t("availableOfTheVpc")}</h3>
          {available.length === 0 ? (
            <p className="text-sm text-slate-600">
              {vSwitches.some((v) => v.vpcId === vpcId) ? t("allListed") : vpcId ? t("noneFound", { vpcId, regionId }) : t("noneFoundThisVpc", { regionId })}
            </p>
          ) : (
            <table className="mt-1 w-full text-sm" aria-label={t("availableLabel")}>
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1 font-normal">{t("vSwitch")}</th>
                  <th className="font-normal">{t("zone")}</th>
                  <th className="font-normal">{t("cidr")}</th>
                  <th className="font-normal">{t("freeIps")}</th>
                  <th className="font-normal">{t("status")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {available.map((v) => (
                  <tr key={v.vSwitchId} data-testid="available-vswitch" data-vswitch={v.vSwitchId} data-zone={v.zoneId} className="border-t border-slate-100">
                    <td className="py-1">
                      <code>{v.vSwitchId}</code>
                      {v.name && <span className="ml-2 text-slate-500">{v.name}</span>}
                    </td>
                    <td>{v.zoneId}</td>
                    <td>{v.cidrBlock}</td>
                    <td>{v.availableIpAddressCount}</td>
                    <td className={v.status === "Available" ? "text-emerald-700" : "text-amber-700"}>{v.status}</td>
                    <td className="text-right">
                      <button
                        type="button"
                        disabled={full}
                        onClick={() => addFromTable(v.vSwitchId)}
                        aria-label={t("addId", { id: v.vSwitchId, zone: v.zoneId })}
                        title={full ? t("atMost", { max: MAX_VSWITCHES }) : undefined}
                        className="rounded border border-sky-700 px-2 text-sky-700 disabled:opacity-40"
                      >
                        {t("add")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      <div className="flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{t("addById")}</span>
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              addTyped();
            }}
            // i18n-ignore: the shape of a vSwitch ID
            placeholder="vsw-…"
            aria-invalid={Boolean(typedProblem)}
            className="rounded border border-slate-300 px-2 py-1 font-mono"
          />
        </label>
        <button type="button" onClick={addTyped} disabled={full || typed.trim() === ""} className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40">
          {t("addIdButton")}
        </button>
        {full && <span className="text-slate-600">{t("full", { max: MAX_VSWITCHES })}</span>}
        {typedProblem && (
          <p role="alert" className="basis-full text-red-700">
            {typedProblem}
          </p>
        )}
      </div>
    </fieldset>
  );
}
