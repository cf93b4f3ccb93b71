-- CreateTable
CREATE TABLE "MetricSeries" (
    "kind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "lastRaw" DATETIME,
    "lastHour" DATETIME,
    "lastDay" DATETIME,
    "endedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("kind", "sourceId")
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "kind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("kind", "sourceId", "tier", "at")
-- The points are the table's primary key order (a chart reads one series' range in one tier):
-- without a rowid they are stored once, in that order, instead of twice (table and key index).
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "ThresholdRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "comparison" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "severity" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);

-- CreateTable
CREATE TABLE "ThresholdState" (
    "ruleId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "breachingSince" DATETIME NOT NULL,
    "firing" BOOLEAN NOT NULL,

    PRIMARY KEY ("ruleId", "sourceId")
);

-- CreateIndex
CREATE INDEX "MetricSeries_lastRaw_idx" ON "MetricSeries"("lastRaw");

-- CreateIndex
CREATE INDEX "MetricPoint_tier_at_idx" ON "MetricPoint"("tier", "at");

