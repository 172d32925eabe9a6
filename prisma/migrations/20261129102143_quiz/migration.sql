-- CreateEnum
CREATE TYPE "QuizMode" AS ENUM ('PRACTICE', 'GRADED', 'TIMED');

-- CreateEnum
CREATE TYPE "QuizAttemptState" AS ENUM ('IN_PROGRESS', 'FINISHED', 'OVERDUE', 'ABANDONED');

-- CreateEnum
CREATE TYPE "LiveRoomState" AS ENUM ('LOBBY', 'QUESTION', 'REVEAL', 'FINISHED');

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "challengeId" TEXT,
    "mode" "QuizMode" NOT NULL,
    "state" "QuizAttemptState" NOT NULL DEFAULT 'IN_PROGRESS',
    "seed" TEXT NOT NULL,
    "questionIds" TEXT[],
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "timeLimitMs" INTEGER,
    "current" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMP(3),
    "deadlineAt" TIMESTAMP(3),
    "earned" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "possible" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "percent" INTEGER,
    "passed" BOOLEAN,
    "points" INTEGER NOT NULL DEFAULT 0,
    "streak" INTEGER NOT NULL DEFAULT 0,
    "correctCount" INTEGER NOT NULL DEFAULT 0,
    "xp" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuizAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAnswer" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "response" JSONB NOT NULL,
    "fraction" DOUBLE PRECISION NOT NULL,
    "earned" DOUBLE PRECISION NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "elapsedMs" INTEGER,
    "sequence" INTEGER NOT NULL,
    "final" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuizAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizChallenge" (
    "id" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "questionIds" TEXT[],
    "timeLimitMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveRoom" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "questionIds" TEXT[],
    "timeLimitMs" INTEGER NOT NULL,
    "state" "LiveRoomState" NOT NULL DEFAULT 'LOBBY',
    "current" INTEGER NOT NULL DEFAULT -1,
    "openedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "LiveRoom_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveRoomPlayer" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "score" INTEGER NOT NULL DEFAULT 0,
    "streak" INTEGER NOT NULL DEFAULT 0,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveRoomPlayer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveAnswer" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "question" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "fraction" DOUBLE PRECISION NOT NULL,
    "points" INTEGER NOT NULL,
    "elapsedMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_sectionId_mode_state_idx" ON "QuizAttempt"("userId", "sectionId", "mode", "state");

-- CreateIndex
CREATE INDEX "QuizAttempt_challengeId_state_points_idx" ON "QuizAttempt"("challengeId", "state", "points");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAnswer_attemptId_questionId_key" ON "QuizAnswer"("attemptId", "questionId");

-- CreateIndex
CREATE INDEX "QuizChallenge_creatorId_idx" ON "QuizChallenge"("creatorId");

-- CreateIndex
CREATE UNIQUE INDEX "LiveRoom_code_key" ON "LiveRoom"("code");

-- CreateIndex
CREATE INDEX "LiveRoom_hostId_createdAt_idx" ON "LiveRoom"("hostId", "createdAt");

-- CreateIndex
CREATE INDEX "LiveRoomPlayer_userId_idx" ON "LiveRoomPlayer"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LiveRoomPlayer_roomId_userId_key" ON "LiveRoomPlayer"("roomId", "userId");

-- CreateIndex
CREATE INDEX "LiveAnswer_roomId_question_idx" ON "LiveAnswer"("roomId", "question");

-- CreateIndex
CREATE UNIQUE INDEX "LiveAnswer_playerId_question_key" ON "LiveAnswer"("playerId", "question");

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "LessonSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "QuizChallenge"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAnswer" ADD CONSTRAINT "QuizAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizChallenge" ADD CONSTRAINT "QuizChallenge_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizChallenge" ADD CONSTRAINT "QuizChallenge_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "LessonSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveRoom" ADD CONSTRAINT "LiveRoom_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveRoom" ADD CONSTRAINT "LiveRoom_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "LessonSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveRoomPlayer" ADD CONSTRAINT "LiveRoomPlayer_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "LiveRoom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveRoomPlayer" ADD CONSTRAINT "LiveRoomPlayer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveAnswer" ADD CONSTRAINT "LiveAnswer_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "LiveRoom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveAnswer" ADD CONSTRAINT "LiveAnswer_playerId_fkey" FOREIGN KEY ("playerId") REFERENCES "LiveRoomPlayer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
