-- AlterTable
ALTER TABLE "LiveRoom" ADD COLUMN     "playerCap" INTEGER NOT NULL DEFAULT 500,
ADD COLUMN     "podiumSize" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "shuffle" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "sound" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "speedPoints" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "streakBonus" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "LiveRoomPlayer" ADD COLUMN     "nameKey" TEXT,
ADD COLUMN     "removedAt" TIMESTAMP(3),
ALTER COLUMN "userId" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "LiveRoomPlayer_roomId_nameKey_key" ON "LiveRoomPlayer"("roomId", "nameKey");
