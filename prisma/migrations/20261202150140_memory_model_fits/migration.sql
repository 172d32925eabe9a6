-- CreateEnum
CREATE TYPE "MemoryFitStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "ReviewSettings" ADD COLUMN     "fitId" TEXT,
ADD COLUMN     "weightsVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "MemoryModelFit" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "MemoryFitStatus" NOT NULL DEFAULT 'QUEUED',
    "trigger" TEXT NOT NULL,
    "activeKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "reviewCount" INTEGER NOT NULL DEFAULT 0,
    "trainableCount" INTEGER NOT NULL DEFAULT 0,
    "historyUntil" TIMESTAMP(3),
    "parameters" DOUBLE PRECISION[],
    "baseline" DOUBLE PRECISION[],
    "fittedLogLoss" DOUBLE PRECISION,
    "fittedRmse" DOUBLE PRECISION,
    "baselineLogLoss" DOUBLE PRECISION,
    "baselineRmse" DOUBLE PRECISION,
    "defaultLogLoss" DOUBLE PRECISION,
    "defaultRmse" DOUBLE PRECISION,
    "heldOutCount" INTEGER,
    "better" BOOLEAN,
    "error" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "adoptedAt" TIMESTAMP(3),
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "MemoryModelFit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MemoryModelFit_activeKey_key" ON "MemoryModelFit"("activeKey");

-- CreateIndex
CREATE INDEX "MemoryModelFit_userId_requestedAt_idx" ON "MemoryModelFit"("userId", "requestedAt");

-- AddForeignKey
ALTER TABLE "MemoryModelFit" ADD CONSTRAINT "MemoryModelFit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
