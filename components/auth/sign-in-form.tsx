"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Field, SubmitButton } from "@/components/ui/field";

const messages: Record<string, string> = {
  CredentialsSignin: "The e-mail address or password is not right.",
  RateLimited: "Too many attempts. Wait a few minutes and try again.",
  Unverified: "Confirm your e-mail address first: follow the link we sent you.",
};

export function SignInForm({ returnTo }: { returnTo: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    });
    setPending(false);
    if (result?.ok) {
      // A full navigation: the return path may be a route handler (OAuth authorize), not a page.
      window.location.assign(returnTo);
    } else {
      setError(messages[result?.error ?? ""] ?? "Sign-in failed. Try again.");
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <div aria-live="polite" className="min-h-6 text-sm text-red-700" data-testid="form-error">
        {error}
      </div>
      <Field label="E-mail" name="email" type="email" autoComplete="username" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton pending={pending}>Sign in</SubmitButton>
      <p className="text-sm">
        No account yet? <a href="/register" className="text-brand-700 underline">Register</a> ·{" "}
        <a href="/forgot-password" className="text-brand-700 underline">Forgot your password?</a>
      </p>
    </form>
  );
}
