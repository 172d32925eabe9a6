-- AlterTable
ALTER TABLE "XpEvent" ADD COLUMN     "courseId" TEXT,
ADD COLUMN     "meta" JSONB;

-- CreateIndex
CREATE INDEX "XpEvent_userId_source_createdAt_idx" ON "XpEvent"("userId", "source", "createdAt");
