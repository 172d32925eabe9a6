-- CreateTable
CREATE TABLE "SectionProgress" (
    "userId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "percent" INTEGER NOT NULL DEFAULT 0,
    "position" JSONB,
    "positionAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SectionProgress_pkey" PRIMARY KEY ("userId","sectionId")
);

-- CreateTable
CREATE TABLE "LessonPreference" (
    "userId" TEXT NOT NULL,
    "summaryLevel" TEXT NOT NULL DEFAULT 'basic',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LessonPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "SectionProgress_userId_courseId_positionAt_idx" ON "SectionProgress"("userId", "courseId", "positionAt");

-- CreateIndex
CREATE INDEX "SectionProgress_courseId_completedAt_idx" ON "SectionProgress"("courseId", "completedAt");

-- AddForeignKey
ALTER TABLE "SectionProgress" ADD CONSTRAINT "SectionProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SectionProgress" ADD CONSTRAINT "SectionProgress_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "LessonSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonPreference" ADD CONSTRAINT "LessonPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
