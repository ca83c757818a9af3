"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signIn, type SignInState } from "./actions";

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("login");
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="next" value={next} />
      <label className="block text-sm font-medium" htmlFor="token">
        {t("tokenLabel")}
      </label>
      <input
        id="token"
        name="token"
        type="password"
        autoComplete="current-password"
        required
        // biome-ignore lint/a11y/noAutofocus: the sign-in page has one field, the token; focusing it is what the user came for
        autoFocus
        className="w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm focus:outline-2 focus:outline-sky-600"
      />
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded bg-sky-700 px-3 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {pending ? t("signingIn") : t("signIn")}
      </button>
    </form>
  );
}
