-- CreateTable
CREATE TABLE "LabRun" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "presetId" TEXT,
    "strategy" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "metrics" JSONB NOT NULL,
    "backend" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "testAccuracy" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LabRun_userId_createdAt_idx" ON "LabRun"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LabRun_userId_runId_key" ON "LabRun"("userId", "runId");

-- AddForeignKey
ALTER TABLE "LabRun" ADD CONSTRAINT "LabRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
