import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { enabledOAuthProviders } from "@/server/auth/config";
import { getViewer } from "@/server/auth/viewer";
import { OAuthButtons } from "../oauth-buttons";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getViewer()) redirect("/dashboard");
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-bold">Create your Learnloop account</h1>
      <SignUpForm />
      <OAuthButtons providers={enabledOAuthProviders()} callbackUrl="/dashboard" />
      <p className="text-sm">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 underline dark:text-brand-100">
          Sign in
        </Link>
      </p>
    </div>
  );
}
