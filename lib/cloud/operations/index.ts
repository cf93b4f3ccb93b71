export * from "./health";
export * from "./thresholds";
export * from "./alarms";
export * from "./cascade";
export * from "./metrics";
export * from "./election";
export * from "./inventory";
