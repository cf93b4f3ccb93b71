-- CreateTable
CREATE TABLE "MetricSeries" (
    "kind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "lastRaw" TIMESTAMP(3),
    "lastHour" TIMESTAMP(3),
    "lastDay" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MetricSeries_pkey" PRIMARY KEY ("kind","sourceId")
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "kind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("kind","sourceId","tier","at")
);

-- CreateTable
CREATE TABLE "ThresholdRule" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "comparison" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "severity" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "ThresholdRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThresholdState" (
    "ruleId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "breachingSince" TIMESTAMP(3) NOT NULL,
    "firing" BOOLEAN NOT NULL,

    CONSTRAINT "ThresholdState_pkey" PRIMARY KEY ("ruleId","sourceId")
);

-- CreateIndex
CREATE INDEX "MetricSeries_lastRaw_idx" ON "MetricSeries"("lastRaw");

-- CreateIndex
CREATE INDEX "MetricPoint_tier_at_idx" ON "MetricPoint"("tier", "at");

