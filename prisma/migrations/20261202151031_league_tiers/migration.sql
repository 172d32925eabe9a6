-- CreateEnum
CREATE TYPE "LeagueOutcome" AS ENUM ('PROMOTED', 'STAYED', 'DEMOTED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "leagueTier" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "LeagueWeek" (
    "week" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeagueWeek_pkey" PRIMARY KEY ("week")
);

-- CreateTable
CREATE TABLE "LeagueResult" (
    "week" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "xp" INTEGER NOT NULL,
    "outcome" "LeagueOutcome" NOT NULL,
    "newTier" INTEGER NOT NULL,

    CONSTRAINT "LeagueResult_pkey" PRIMARY KEY ("week","userId")
);

-- CreateIndex
CREATE INDEX "LeagueResult_userId_week_idx" ON "LeagueResult"("userId", "week" DESC);

-- AddForeignKey
ALTER TABLE "LeagueResult" ADD CONSTRAINT "LeagueResult_week_fkey" FOREIGN KEY ("week") REFERENCES "LeagueWeek"("week") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeagueResult" ADD CONSTRAINT "LeagueResult_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
