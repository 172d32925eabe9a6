"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signUpInput } from "@/lib/auth/schemas";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { signIn, signOut } from "@/server/auth/config";
import { INVALID_CREDENTIALS, registerUser } from "@/server/auth/service";
import { DomainError } from "@/server/errors";
import { NUL_MESSAGE, nulPath } from "@/server/http/request-guards";

export type AuthFormState = {
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: { email?: string; name?: string };
};

function signInErrorMessage(error: AuthError): string {
  if (error instanceof CredentialsSignin && error.code === "rate_limited") {
    return "Too many sign-in attempts. Wait a little and try again.";
  }
  if (error instanceof CredentialsSignin) return INVALID_CREDENTIALS;
  return "Signing in failed. Please try again.";
}

async function signInWithPassword(email: string, password: string, redirectTo: string): Promise<AuthFormState | null> {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { error: signInErrorMessage(error), values: { email } };
    throw error;
  }
  redirect(redirectTo);
}

export async function signInAction(_state: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  const redirectTo = safeRedirectPath(formData.get("callbackUrl"), "/dashboard");
  if (!email || !password) {
    return { error: "Enter your email and password.", values: { email } };
  }
  return (await signInWithPassword(email, password, redirectTo)) ?? {};
}

export async function signUpAction(_state: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const raw = Object.fromEntries(formData);
  const values = { email: String(raw.email ?? ""), name: String(raw.name ?? "") };
  if (nulPath(raw)) return { error: NUL_MESSAGE, values: { email: values.email.replaceAll("\u0000", ""), name: values.name.replaceAll("\u0000", "") } };
  const parsed = signUpInput.safeParse(raw);
  if (!parsed.success) {
    return { error: "Some fields need attention.", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  try {
    await registerUser({ input: parsed.data, headers: await headers() });
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message, values };
    throw error;
  }
  return (await signInWithPassword(parsed.data.email, parsed.data.password, "/dashboard?welcome=1")) ?? {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
