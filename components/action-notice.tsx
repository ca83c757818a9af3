"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";

/** What a form says after an action: a success line, or the structured failure (what happened, what to do). */
export type Notice = { ok: true; text: string } | { ok: false; title?: string; text: string; retryable?: boolean };

export function noticeOf(result: ActionResult<unknown>): Notice {
  return result.ok ? { ok: true, text: result.message } : { ok: false, title: result.error.title, text: result.error.whatToDo, retryable: result.error.retryable };
}

export function ActionNotice({ notice, testId, className = "" }: { notice: Notice | null; testId?: string; className?: string }) {
  const t = useTranslations("ui");
  const ref = useRef<HTMLElement>(null);
  // The control that started the action is disabled while it runs, so the browser drops focus to <body>; a keyboard
  // user then continues from the result rather than from the top of the page (WCAG 2.4.3). Focus held elsewhere is left alone.
  useEffect(() => {
    if (notice && ref.current && (document.activeElement === document.body || document.activeElement === null)) ref.current.focus();
  }, [notice]);
  if (!notice) return null;
  if (notice.ok) {
    return (
      <p ref={ref as React.RefObject<HTMLParagraphElement>} tabIndex={-1} role="status" data-testid={testId} className={`text-sm text-emerald-800 ${className}`}>
        {notice.text}
      </p>
    );
  }
  return (
    <div ref={ref as React.RefObject<HTMLDivElement>} tabIndex={-1} role="alert" data-testid={testId} className={`text-sm text-red-700 ${className}`}>
      {notice.title && <strong className="font-semibold">{notice.title.replace(/\.$/, "")}. </strong>}
      {notice.text}
      {notice.retryable && <span className="text-red-600"> {t("retryingMayHelp")}</span>}
    </div>
  );
}
