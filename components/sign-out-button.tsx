import { signOut } from "@/app/login/sign-out";

export function SignOutButton({ label }: { label: string }) {
  return (
    <form action={signOut}>
      <button type="submit" className="text-sm text-slate-600 hover:text-slate-900">
        {label}
      </button>
    </form>
  );
}
