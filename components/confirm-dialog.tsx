"use client";

import { useTranslations } from "next-intl";
import { useLayoutEffect, useRef } from "react";

/** A modal confirmation on the native <dialog>: focus is trapped, Escape cancels, the confirm button names the action. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  destructive,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  busy?: boolean;
  destructive?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("ui");
  const ref = useRef<HTMLDialogElement>(null);
  // A layout effect: its cleanup closes the dialog while it is still in the document, so the browser gives focus back to the control that opened it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    // React's autoFocus runs while the dialog is still closed, so showModal() would focus the first focusable element (Cancel, or a link in the text): the confirm button is the last button.
    if (dialog && !dialog.open) {
      dialog.showModal();
      [...dialog.querySelectorAll("button")].at(-1)?.focus();
    }
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto max-w-lg rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-3 p-5">
        <h2 id="confirm-title" className="text-lg font-semibold">
          {title}
        </h2>
        <div className="text-sm text-slate-700">{children}</div>
        <div className="flex justify-end gap-2 pt-2">
          <button type="button" onClick={onCancel} disabled={busy} className="rounded border border-slate-300 px-3 py-1.5 text-sm">
            {t("cancel")}
          </button>
          <button
            type="button"
            onClick={onConfirm}
            disabled={busy}
            // biome-ignore lint/a11y/noAutofocus: a modal dialog moves focus into itself (WAI-ARIA dialog pattern)
            autoFocus
            className={`rounded px-3 py-1.5 text-sm font-medium text-white ${destructive ? "bg-red-700 hover:bg-red-800" : "bg-sky-700 hover:bg-sky-800"} disabled:opacity-60`}
          >
            {busy ? t("working") : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
