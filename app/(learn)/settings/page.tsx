import type { Metadata } from "next";
import { requireViewer } from "../../_components/access";
import { PageHeader } from "../../_components/page-header";
import { getServerCaller } from "../../_trpc/server";
import { LeaderboardVisibility } from "./leaderboard-visibility";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Profile and settings" };

export default async function SettingsPage() {
  const viewer = await requireViewer("/settings");
  const me = await (await getServerCaller()).user.me();
  return (
    <div className="max-w-lg">
      <PageHeader title="Profile and settings">Your display name appears on leaderboards; your time zone decides when your day, goal and streak roll over.</PageHeader>
      <ProfileForm initial={{ name: viewer.name, timezone: viewer.timezone, dailyGoalXp: viewer.dailyGoalXp }} />
      <LeaderboardVisibility optOut={me.leaderboardOptOut} />
    </div>
  );
}
