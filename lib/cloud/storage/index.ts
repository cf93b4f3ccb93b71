export * from "./capacity";
export * from "./specs-ops";
export * from "./pool-state";
export * from "./scheduler";
export * from "./raid";
export * from "./volume-states";
export * from "./workflows";
