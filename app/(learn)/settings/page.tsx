import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { AccountSecurity } from "./account-security";
import { LeaderboardVisibility } from "./leaderboard-visibility";
import { MemoryModel } from "./memory-model";
import { ProfileForm } from "./profile-form";
import { ReviewSettingsForm } from "./review-settings-form";

export const metadata: Metadata = { title: "Profile and settings" };

export default async function SettingsPage() {
  const viewer = await requireViewer("/settings");
  const caller = await getServerCaller();
  const [me, reviewSettings] = await Promise.all([caller.user.me(), caller.review.settings()]);
  return (
    <div className="max-w-lg">
      <PageHeader title="Profile and settings">Your display name appears on leaderboards; your time zone decides when your day, goal and streak roll over.</PageHeader>
      <ProfileForm initial={{ name: viewer.name, timezone: viewer.timezone, dailyGoalXp: viewer.dailyGoalXp }} />
      <LeaderboardVisibility optOut={me.leaderboardOptOut} />
      <section aria-labelledby="review-settings" className="mt-12 space-y-4">
        <h2 id="review-settings" className="scroll-mt-16 text-xl font-semibold">Flashcard reviews</h2>
        <ReviewSettingsForm initial={reviewSettings} />
      </section>
      <section aria-labelledby="memory-model" className="mt-12 space-y-4">
        <h2 id="memory-model" className="scroll-mt-16 text-xl font-semibold">Your memory model</h2>
        <MemoryModel />
      </section>
      <AccountSecurity hasPassword={me.hasPassword} />
    </div>
  );
}
