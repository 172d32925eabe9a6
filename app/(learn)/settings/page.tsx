import type { Metadata } from "next";
import { requireViewer } from "../../_components/access";
import { PageHeader } from "../../_components/page-header";
import { getServerCaller } from "../../_trpc/server";
import { AccountSecurity } from "./account-security";
import { LeaderboardVisibility } from "./leaderboard-visibility";
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
      <AccountSecurity hasPassword={me.hasPassword} />
    </div>
  );
}
