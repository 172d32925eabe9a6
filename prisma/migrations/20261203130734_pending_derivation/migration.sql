-- CreateTable
CREATE TABLE "PendingDerivation" (
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingDerivation_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE INDEX "PendingDerivation_userId_idx" ON "PendingDerivation"("userId");

-- AddForeignKey
ALTER TABLE "PendingDerivation" ADD CONSTRAINT "PendingDerivation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "XpEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
