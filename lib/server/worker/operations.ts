import "server-only";
import { db } from "../db";
import { stepElection } from "../services/control-plane";
import { collectMetrics, syncMetricSeries } from "../services/metrics";
import { reconcileComputeAlarms } from "../services/device-drills";
import { registerPeriodicJob } from "./registry";

// The operations layer's periodic work: CPS's controller election advances every 2 cloud seconds (ZooKeeper's tick)
// (heartbeats, session expiries, a standby taking over), one runner at a time (the election's row
// is locked in the step's transaction).

registerPeriodicJob({ layer: "operations", name: "cps-election", every: 2, run: (now) => db.$transaction((tx) => stepElection(tx, now)) });

// Metrics: the sweep (series for new sources, ends for gone ones, each tier's expiry) every cloud
// minute; collection on every pass, a time budget at a time, so a clock moved forward fills in the
// background (services/metrics.ts).
registerPeriodicJob({ layer: "operations", name: "metrics-sync", every: 60, run: (now) => syncMetricSeries(now) });
registerPeriodicJob({ layer: "operations", name: "metrics-collect", every: 0, run: (now) => collectMetrics(now) });

// The compute services' alarms (a host down, its ECSs affected), reconciled every 10 cloud seconds:
// within the service_down_time a stopped service takes to be judged down, and cleared as soon as it reports.
registerPeriodicJob({ layer: "operations", name: "compute-alarms", every: 10, run: (now) => db.$transaction((tx) => reconcileComputeAlarms(tx, now)) });
