import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/action-result";

/** What a form says after an action: a success line, or the structured failure (what happened, what to do). */
export type Notice = { ok: true; text: string } | { ok: false; title?: string; text: string; retryable?: boolean };

export function noticeOf(result: ActionResult<unknown>): Notice {
  return result.ok ? { ok: true, text: result.message } : { ok: false, title: result.error.title, text: result.error.whatToDo, retryable: result.error.retryable };
}

export function ActionNotice({ notice, testId, className = "" }: { notice: Notice | null; testId?: string; className?: string }) {
  const t = useTranslations("ui");
  if (!notice) return null;
  if (notice.ok) {
    return (
      <p role="status" data-testid={testId} className={`text-sm text-emerald-800 ${className}`}>
        {notice.text}
      </p>
    );
  }
  return (
    <div role="alert" data-testid={testId} className={`text-sm text-red-700 ${className}`}>
      {notice.title && <strong className="font-semibold">{notice.title.replace(/\.$/, "")}. </strong>}
      {notice.text}
      {notice.retryable && <span className="text-red-600"> {t("retryingMayHelp")}</span>}
    </div>
  );
}
