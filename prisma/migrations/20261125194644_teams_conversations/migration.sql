-- CreateTable
CREATE TABLE "TeamsConversation" (
    "conversationId" TEXT NOT NULL PRIMARY KEY,
    "serviceUrl" TEXT NOT NULL,
    "tenantId" TEXT,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "reference" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "goneReason" TEXT,
    "goneAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "TeamsConversation_userId_idx" ON "TeamsConversation"("userId");

