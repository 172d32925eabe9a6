-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('BADGE', 'LEVEL_UP');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "leaderboardOptOut" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "UserBadge" (
    "userId" TEXT NOT NULL,
    "badgeId" TEXT NOT NULL,
    "awardedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserBadge_pkey" PRIMARY KEY ("userId","badgeId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeagueScore" (
    "period" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "xp" INTEGER NOT NULL,
    "reachedAt" TIMESTAMP(3) NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "LeagueScore_pkey" PRIMARY KEY ("period","scope","userId")
);

-- CreateTable
CREATE TABLE "XpDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "xp" INTEGER NOT NULL,

    CONSTRAINT "XpDay_pkey" PRIMARY KEY ("userId","day")
);

-- CreateIndex
CREATE INDEX "UserBadge_userId_awardedAt_idx" ON "UserBadge"("userId", "awardedAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "LeagueScore_period_scope_hidden_xp_reachedAt_userId_idx" ON "LeagueScore"("period", "scope", "hidden", "xp" DESC, "reachedAt", "userId");

-- AddForeignKey
ALTER TABLE "UserBadge" ADD CONSTRAINT "UserBadge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeagueScore" ADD CONSTRAINT "LeagueScore_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "XpDay" ADD CONSTRAINT "XpDay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: league totals of the activity recorded before leagues existed.
INSERT INTO "LeagueScore" (period, scope, "userId", xp, "reachedAt", hidden)
SELECT p.period, p.scope, e."userId", sum(e.amount)::int, max(e."createdAt"), u."leaderboardOptOut"
FROM "XpEvent" e
JOIN "User" u ON u.id = e."userId"
CROSS JOIN LATERAL (
  VALUES ('all', 'global'),
         (to_char(date_trunc('week', e."createdAt"), 'YYYY-MM-DD'), 'global'),
         ('all', e."courseId"),
         (to_char(date_trunc('week', e."createdAt"), 'YYYY-MM-DD'), e."courseId")
) AS p(period, scope)
WHERE p.scope IS NOT NULL AND e.amount > 0
GROUP BY p.period, p.scope, e."userId", u."leaderboardOptOut";

-- Backfill: day totals in each learner's time zone.
INSERT INTO "XpDay" ("userId", day, xp)
SELECT e."userId", to_char((e."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE u.timezone, 'YYYY-MM-DD'), sum(e.amount)::int
FROM "XpEvent" e JOIN "User" u ON u.id = e."userId"
GROUP BY 1, 2;
