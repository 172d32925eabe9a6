-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('OWNER', 'CO_INSTRUCTOR');

-- AlterTable
ALTER TABLE "CourseOwner" ADD COLUMN     "role" "StaffRole" NOT NULL DEFAULT 'OWNER';

-- CreateTable
CREATE TABLE "CourseDraft" (
    "courseId" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CourseDraft_pkey" PRIMARY KEY ("courseId")
);

-- AddForeignKey
ALTER TABLE "CourseDraft" ADD CONSTRAINT "CourseDraft_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;
