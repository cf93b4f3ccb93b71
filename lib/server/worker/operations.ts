import "server-only";
import { db } from "../db";
import { stepElection } from "../services/control-plane";
import { registerPeriodicJob } from "./registry";

// The operations layer's periodic work: CPS's controller election advances every 2 cloud seconds (ZooKeeper's tick)
// (heartbeats, session expiries, a standby taking over), one runner at a time (the election's row
// is locked in the step's transaction).

registerPeriodicJob({ layer: "operations", name: "cps-election", every: 2, run: (now) => db.$transaction((tx) => stepElection(tx, now)) });
